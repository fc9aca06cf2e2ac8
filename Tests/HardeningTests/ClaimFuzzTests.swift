import Foundation
import Scenarios
import XCTest

/// `[[claim]]` tables: generated claims read back to themselves through the writer, mutated ones
/// end in a scenario whose claims are about its own optimizers within its run, or in an error
/// naming the file; absurd steps are refused by name.
final class ClaimFuzzTests: XCTestCase {
    private static let labels = ["gd", "adam", "mini"]

    private static func base(steps: Int) -> String {
        """
        name = "claims"

        [problem]
        type = "rosenbrock"

        [run]
        steps = \(steps)

        [[optimizer]]
        type = "gd"
        label = "gd"
        lr = 0.001

        [[optimizer]]
        type = "adam"
        label = "adam"
        lr = 0.01

        [[optimizer]]
        type = "adam-mini"
        label = "mini"
        lr = 0.01

        """
    }

    /// A random claim table about one of the base file's optimizers.
    private static func randomClaim(_ random: inout Mutator, steps: Int) -> String {
        let optimizer = random.pick(labels)
        var out = "\n[[claim]]\noptimizer = \"\(optimizer)\"\n"
        if random.below(2) == 0 { out += "text = \"\(random.pick(["Adam wins", "", "é \\\" quoted", "gd stalls"]))\"\n" }
        let step = random.below(steps + 1)
        let bound = random.pick(["1e-6", "0.5", "3", "1e300", "0.0"])
        switch random.below(5) {
        case 0: out += "below = \(bound)\nstep = \(step)\n"
        case 1: out += "above = \(bound)\n" + (random.below(2) == 0 ? "step = \(step)\n" : "")
        case 2: out += "beats = \"\(random.pick(labels.filter { $0 != optimizer }))\"\nstep = \(step)\n"
        case 3: out += "diverges = \(random.below(2) == 0)\nstep = \(step)\n"
        default: out += "reaches = \(bound)\nwithin = \(step)\n"
        }
        return out
    }

    private static func randomScenario(_ random: inout Mutator) -> String {
        let steps = random.pick([0, 1, 50, 2000])
        return base(steps: steps) + (0..<(1 + random.below(4))).map { _ in randomClaim(&random, steps: steps) }.joined()
    }

    func testWrittenScenariosWithClaimsReadBackToThemselves() throws {
        var random = Mutator(seed: 0xC1A1, dictionary: [""])
        let probe = try ScenarioLoader.parse(text: Self.randomScenario(&random), file: "claims.toml")
        try XCTSkipUnless(ScenarioWriter.toml(probe).contains("[[claim]]"), "ScenarioWriter does not write claims yet")
        var shipped = Corpora.shippedScenarios.compactMap { try? ScenarioLoader.parse(text: $0.text, file: $0.name) }
        shipped = shipped.filter { !$0.claims.isEmpty }
        XCTAssertFalse(shipped.isEmpty, "some shipped scenarios make claims")
        let generated = try (0..<150).map { _ in try ScenarioLoader.parse(text: Self.randomScenario(&random), file: "claims.toml") }
        for scenario in shipped + generated {
            let written = ScenarioWriter.toml(scenario)
            let read = try ScenarioLoader.parse(text: written, file: "written.toml")
            XCTAssertEqual(read.claims, scenario.claims, written)
            XCTAssertEqual(read.optimizers, scenario.optimizers, written)
            // toml++ hands keys back sorted, so a problem key may move up; the lines are the same.
            XCTAssertEqual(ScenarioWriter.toml(read).split(separator: "\n").sorted(), written.split(separator: "\n").sorted(),
                           "writing is not a fixed point: \(written)")
        }
    }

    func testMutatedClaimsEndInClaimsAboutTheFileOrAnError() {
        var random = Mutator(seed: 0xC1A2, dictionary: [
            "[[claim]]", "optimizer = ", "\"gd\"", "\"adam\"", "\"nobody\"", "step = ", "within = ", "below = ", "above = ",
            "beats = ", "diverges = ", "reaches = ", "1e18", "-1", "9223372036854775807", "1e300", "nan", "inf", "true", "\n", "=",
        ])
        var parsed = 0
        for _ in 0..<1000 {
            let text = text(random.mutate(Array(Self.randomScenario(&random).utf8), rounds: 1))
            guard let scenario = try? ScenarioLoader.parse(text: text, file: "claims.toml") else {
                XCTAssertFalse(ScenarioInvariants.check(text, file: "claims.toml"), "parsed on a second try")
                continue
            }
            parsed += 1
            let labels = Set(scenario.optimizers.map(\.label))
            for claim in scenario.claims {
                XCTAssertTrue(labels.contains(claim.optimizer), "\(claim) in\n\(text)")
                XCTAssertTrue((0...scenario.settings.steps).contains(claim.step), "\(claim) in\n\(text)")
                if case .beats(let other, _) = claim.test { XCTAssertTrue(labels.contains(other) && other != claim.optimizer, "\(claim)") }
            }
        }
        XCTAssertGreaterThan(parsed, 50, "mutations should leave some files valid")
    }

    func testAbsurdClaimStepsAreRefusedByName() {
        let cases: [(String, String)] = [
            ("below = 1\nstep = 1e18", "step = 1e+18 is a number; step must be a whole number of steps from 0 to 100"),
            ("below = 1\nstep = 1e17", "step = 100000000000000000 is beyond the run"),
            ("below = 1\nstep = 9223372036854775807", "step = 9223372036854775807 is beyond the run"),
            ("below = 1\nstep = -1", "step = -1 is negative"),
            ("below = 1\nstep = 1.5", "a whole number of steps"),
            ("reaches = 1e-6\nwithin = 1e300", "a whole number of steps"),
            ("below = nan\nstep = 1", "below"),
            ("below = inf\nstep = 1", "below"),
        ]
        for (table, fragment) in cases {
            let text = Self.base(steps: 100) + "\n[[claim]]\noptimizer = \"gd\"\n" + table + "\n"
            XCTAssertThrowsError(try ScenarioLoader.parse(text: text, file: "claims.toml"), table) { error in
                XCTAssertTrue("\(error)".hasPrefix("claims.toml:") && "\(error)".contains(fragment), "'\(error)' lacks '\(fragment)'")
            }
        }
    }
}
