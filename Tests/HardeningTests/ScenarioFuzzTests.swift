import OptimizerCore
import Scenarios
import XCTest

/// Thousands of mutated and generated scenario files, each ending in a valid scenario or a
/// located error.
final class ScenarioFuzzTests: XCTestCase {
    static let dictionary = [
        "[problem]\n", "[run]\n", "[[optimizer]]\n", "[problem.view]\n", "type = ", "\"quadratic\"", "\"expression\"",
        "\"rosenbrock\"", "\"adam-mini\"", "\"block-gd\"", "f = \"x^2 + y\"", "start = ", "\"random\"", "view = ",
        "{ x = [1.0, -1.0], y = [0, 1] }", "hessian = [[1.0, 2.0], [2.0, 1.0]]", "blocks = ", "[{ size = 1000 }]",
        "[9223372036854775807, 2]", "partition = ", "[45, 45]", "\"official\"", "dim = ", "n_heads = ", "steps = ",
        "seed = ", "precision = \"float\"", "lr = ", "betas = ", "schedule = \"warmup-cosine\"", "warmup = ",
        "period = ", "1e308", "-1e308", "nan", "inf", "-inf", "-0.0", "5e-324", "9223372036854775807",
        "-9223372036854775808", "1e18", "0x7FFFFFFF", "1979-05-27T07:32:00Z", "true", "\"\"\"", "'''", "\\u0000",
        "a.b.c.d = 1\n", "[[", "]]", "{", "}", "=", ",", "#", "\n", "\"\\", "é", "\u{FEFF}", "\r\n",
    ]

    func testMutatedShippedScenarios() {
        let seeds = Corpora.shippedScenarios
        XCTAssertGreaterThanOrEqual(seeds.count, 10, "the shipped scenarios are the seed corpus")
        var mutator = Mutator(seed: 0xF022, dictionary: Self.dictionary)
        var parsed = 0
        let count = 1500
        for _ in 0..<count {
            let seed = mutator.pick(seeds)
            let input = text(mutator.mutate(Array(seed.text.utf8), rounds: 6))
            if ScenarioInvariants.check(input) { parsed += 1 }
        }
        // Mutations mostly break files, but enough must survive to exercise the validators.
        XCTAssertGreaterThan(parsed, count / 20, "only \(parsed) of \(count) mutated files parsed")
        XCTAssertLessThan(parsed, count, "no mutation broke any file: the mutator does nothing")
    }

    func testGeneratedScenarios() {
        var generator = ScenarioGenerator(seed: 0x5CE7)
        var parsed = 0
        let count = 1500
        for _ in 0..<count {
            if ScenarioInvariants.check(generator.next()) { parsed += 1 }
        }
        // Two files in three are tame; most of those must reach the end of validation.
        XCTAssertGreaterThan(parsed, count / 3, "only \(parsed) of \(count) generated files parsed")
        XCTAssertLessThan(parsed, count * 9 / 10, "wild files should fail")
    }

    func testShippedScenariosParse() throws {
        for (name, text) in Corpora.shippedScenarios {
            XCTAssertTrue(ScenarioInvariants.check(text, file: name), name)
        }
    }
}
