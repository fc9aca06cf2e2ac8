import Scenarios
import XCTest

/// Every kind of bad scenario file ends in a located, specific message, never a crash.
final class ScenarioErrorTests: XCTestCase {
    private let base = """
    [problem]
    type = "rosenbrock"

    [[optimizer]]
    type = "adam"
    lr = 0.05

    """

    private func error(_ text: String, file: String = "bad.toml") -> ScenarioError? {
        do {
            _ = try ScenarioLoader.parse(text: text, file: file)
            return nil
        } catch {
            return error
        }
    }

    private func assertError(_ text: String, line: Int?, key: String?, contains fragments: [String],
                             file: StaticString = #filePath, testLine: UInt = #line) {
        guard let failure = error(text) else {
            return XCTFail("expected an error", file: file, line: testLine)
        }
        XCTAssertEqual(failure.file, "bad.toml", file: file, line: testLine)
        if let line { XCTAssertEqual(failure.line, line, "\(failure)", file: file, line: testLine) }
        XCTAssertEqual(failure.keyPath, key, "\(failure)", file: file, line: testLine)
        for fragment in fragments {
            XCTAssertTrue(failure.description.contains(fragment), "'\(failure)' lacks '\(fragment)'", file: file, line: testLine)
        }
    }

    func testValidBaseParses() throws {
        let scenario = try ScenarioLoader.parse(text: base, file: "ok.toml", defaultName: "ok")
        XCTAssertEqual(scenario.name, "ok")
        XCTAssertEqual(scenario.optimizers.map(\.label), ["adam"])
        XCTAssertEqual(scenario.problem.start, [-1.2, 1.0])
        XCTAssertEqual(scenario.settings.steps, 100)
    }

    func testSyntaxErrorGivesLine() {
        assertError("name = \"x\"\n[problem\ntype = 1\n", line: 2, key: nil, contains: ["TOML syntax error"])
    }

    func testUnknownTopLevelKeySuggests() {
        assertError("nmae = \"x\"\n" + base, line: 1, key: "nmae", contains: ["unknown key 'nmae'", "did you mean 'name'"])
    }

    func testUnknownOptimizerKeySuggests() {
        assertError(base + "beta = [0.9, 0.99]\n", line: 7, key: "optimizer[1].beta",
                    contains: ["unknown key 'beta'", "did you mean 'betas'", "valid keys here"])
    }

    func testMisspeltOptimizerType() {
        assertError(base.replacingOccurrences(of: "\"adam\"", with: "\"adamm\""), line: 5, key: "optimizer[1].type",
                    contains: ["\"adamm\" is not an optimizer", "did you mean 'adam'", "adam-mini"])
    }

    func testMisspeltSurface() {
        assertError(base.replacingOccurrences(of: "rosenbrock", with: "rosenbrok"), line: 2, key: "problem.type",
                    contains: ["rosenbrok", "rosenbrock", "expression", "quadratic"])
    }

    func testWrongType() {
        assertError(base.replacingOccurrences(of: "lr = 0.05", with: "lr = \"fast\""), line: 6, key: "optimizer[1].lr",
                    contains: ["lr = \"fast\" is a string", "a number >= 0"])
    }

    func testNegativeLearningRate() {
        assertError(base.replacingOccurrences(of: "lr = 0.05", with: "lr = -0.1"), line: 6, key: "optimizer[1].lr",
                    contains: ["lr = -0.1 is not valid", "a number >= 0"])
    }

    func testBetasOutOfRange() {
        assertError(base + "betas = [0.9, 1.5]\n", line: 7, key: "optimizer[1].betas",
                    contains: ["betas = [0.9, 1.5] is not valid", "two numbers, each in [0, 1)"])
    }

    func testNegativeMomentum() {
        assertError(base + "\n[[optimizer]]\ntype = \"momentum\"\nmomentum = -0.5\n", line: 10, key: "optimizer[2].momentum",
                    contains: ["momentum = -0.5", ">= 0"])
    }

    func testNesterovWithDampening() {
        assertError(base + "\n[[optimizer]]\ntype = \"sgd\"\nmomentum = 0.9\nnesterov = true\ndampening = 0.1\n",
                    line: 11, key: "optimizer[2].nesterov", contains: ["nesterov = true needs momentum > 0 and dampening = 0"])
    }

    func testStartOfWrongLength() {
        assertError(base.replacingOccurrences(of: "type = \"rosenbrock\"", with: "type = \"rosenbrock\"\nstart = [1.0, 2.0, 3.0]"),
                    line: 3, key: "problem.start", contains: ["start has 3 coordinates", "the problem has 2"])
    }

    func testNonSymmetricHessian() {
        let text = base.replacingOccurrences(of: "type = \"rosenbrock\"", with: "type = \"quadratic\"\nhessian = [[2.0, 1.0], [0.0, 2.0]]")
        assertError(text, line: 3, key: "problem.hessian", contains: ["symmetric"])
    }

    func testBlockSizesThatDoNotAddUp() {
        let text = base.replacingOccurrences(of: "type = \"rosenbrock\"",
                                             with: "type = \"quadratic\"\nhessian = [[2.0, 0.0], [0.0, 2.0]]\nblocks = [1, 2]")
        assertError(text, line: 4, key: "problem.blocks", contains: ["add up to 3", "must add up to 2"])
    }

    func testExplicitPartitionThatDoesNotAddUp() {
        let text = base.replacingOccurrences(of: "type = \"adam\"", with: "type = \"adam-mini\"\npartition = [1, 2]")
        assertError(text, line: 6, key: "optimizer[1].partition", contains: ["add up to 3", "2 parameters"])
    }

    func testDuplicateLabels() {
        assertError(base + "\n[[optimizer]]\ntype = \"adam\"\n", line: nil, key: "optimizer[2].label",
                    contains: ["label 'adam' is already used by optimizer[1]"])
    }

    func testMissingProblemAndOptimizers() {
        assertError("[[optimizer]]\ntype = \"gd\"\n", line: nil, key: nil, contains: ["missing [problem]"])
        assertError("[problem]\ntype = \"booth\"\n", line: nil, key: nil, contains: ["no optimizers"])
    }

    func testExpressionErrorPointsAtColumn() {
        let text = base.replacingOccurrences(of: "type = \"rosenbrock\"", with: "type = \"expression\"\nf = \"x^2 + (y\"")
        assertError(text, line: 3, key: "problem.f", contains: ["column"])
    }

    func testBadPrecisionAndSteps() {
        assertError(base + "\n[run]\nprecision = \"doubel\"\n", line: 9, key: "run.precision", contains: ["did you mean 'double'"])
        assertError(base + "\n[run]\nsteps = 1000000000000\n", line: 9, key: "run.steps", contains: ["0 to 100000000"])
    }

    func testBlockGDNeedsAQuadratic() {
        let text = base + "\n[[optimizer]]\ntype = \"block-gd\"\n"
        assertError(text, line: nil, key: "optimizer[2].type", contains: ["block-gd needs a problem with a fixed Hessian"])
    }

    func testMissingFileAndDirectory() {
        XCTAssertThrowsError(try ScenarioLoader.load(path: "/nonexistent/x.toml")) { error in
            XCTAssertTrue("\(error)".contains("no such file"))
        }
        XCTAssertThrowsError(try ScenarioLoader.load(path: "/")) { error in
            XCTAssertTrue("\(error)".contains("directory"))
        }
    }

    func testEveryShippedScenarioLoads() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenarios").path
        let files = ScenarioDirectory.files(in: directory)
        XCTAssertGreaterThanOrEqual(files.count, 12)
        for file in files {
            let scenario = try ScenarioLoader.load(path: file)
            XCTAssertFalse(scenario.description.isEmpty, file)
        }
    }
}
