import Scenarios
import XCTest

/// `[[claim]]` tables are validated like every other key: file, line, key, and what is valid.
final class ClaimLoaderTests: XCTestCase {
    private let base = """
    [problem]
    type = "rosenbrock"

    [run]
    steps = 200

    [[optimizer]]
    type = "adam"
    lr = 0.05

    [[optimizer]]
    type = "gd"
    label = "GD slow"
    lr = 0.001

    """

    private func failure(_ claim: String) -> ScenarioError? {
        do {
            _ = try ScenarioLoader.parse(text: base + claim, file: "bad.toml")
            return nil
        } catch {
            return error
        }
    }

    private func assertError(_ claim: String, line: Int, key: String?, contains fragments: [String],
                             file: StaticString = #filePath, testLine: UInt = #line) {
        guard let failure = failure(claim) else { return XCTFail("expected an error", file: file, line: testLine) }
        XCTAssertEqual(failure.file, "bad.toml", file: file, line: testLine)
        XCTAssertEqual(failure.line, line, "\(failure)", file: file, line: testLine)
        XCTAssertEqual(failure.keyPath, key, "\(failure)", file: file, line: testLine)
        for fragment in fragments {
            XCTAssertTrue(failure.description.contains(fragment), "'\(failure)' lacks '\(fragment)'", file: file, line: testLine)
        }
    }

    func testEveryTestParsesWithItsDefaults() throws {
        let scenario = try ScenarioLoader.parse(text: base + """
        [[claim]]
        text = "Adam gets close"
        optimizer = "adam"
        below = 1e-3

        [[claim]]
        optimizer = "GD slow"
        step = 50
        above = 1

        [[claim]]
        optimizer = "adam"
        beats = "gd"

        [[claim]]
        optimizer = "adam"
        diverges = false

        [[claim]]
        optimizer = "adam"
        reaches = 1e-6
        within = 150
        """, file: "ok.toml")
        XCTAssertEqual(scenario.claims.count, 5)
        XCTAssertEqual(scenario.claims[0], Claim(text: "Adam gets close", optimizer: "adam", step: 200, test: .below(1e-3)))
        XCTAssertEqual(scenario.claims[1].step, 50)
        XCTAssertEqual(scenario.claims[1].test, .above(1))
        // A type names the one optimizer of that type.
        XCTAssertEqual(scenario.claims[2].test, .beats("GD slow"))
        XCTAssertEqual(scenario.claims[3].test, .diverges(false))
        XCTAssertEqual(scenario.claims[4].test, .reaches(1e-6, within: 150))
        XCTAssertEqual(scenario.claims[4].step, 150)
        XCTAssertEqual(scenario.claims[0].statement, "Adam gets close")
        XCTAssertEqual(scenario.claims[2].statement, "adam beats GD slow at step 200")
        XCTAssertEqual(scenario.claims[4].statement, "adam's loss reaches 1e-6 within 150 steps")
    }

    func testUnknownOptimizerSuggestsTheNearestLabel() {
        assertError("[[claim]]\noptimizer = \"adm\"\nbelow = 1.0\n", line: 16, key: "claim[1].optimizer",
                    contains: ["bad.toml:16", "\"adm\" is not an optimizer of this file", "did you mean 'adam'", "\"GD slow\""])
        assertError("[[claim]]\noptimizer = \"adam\"\nbeats = \"GD slo\"\n", line: 17, key: "claim[1].beats",
                    contains: ["did you mean 'GD slow'"])
    }

    func testATestIsRequiredAndOnlyOne() {
        assertError("[[claim]]\noptimizer = \"adam\"\n", line: 15, key: "claim[1]", contains: ["needs exactly one of below, above, beats, diverges, reaches"])
        assertError("[[claim]]\noptimizer = \"adam\"\nbelow = 1.0\nbeats = \"gd\"\n", line: 18, key: "claim[1].beats",
                    contains: ["below and beats", "one [[claim]] per test"])
        assertError("[[claim]]\noptimizer = \"adam\"\n", line: 15, key: "claim[1]", contains: ["missing test"])
    }

    func testStepsMustLieInTheRun() {
        assertError("[[claim]]\noptimizer = \"adam\"\nstep = -5\nbelow = 1.0\n", line: 17, key: "claim[1].step",
                    contains: ["step = -5 is negative", "from 0 to 200"])
        assertError("[[claim]]\noptimizer = \"adam\"\nstep = 500\nbelow = 1.0\n", line: 17, key: "claim[1].step",
                    contains: ["beyond the run", "[run] steps = 200"])
        assertError("[[claim]]\noptimizer = \"adam\"\nreaches = 1e-3\nwithin = 201\n", line: 18, key: "claim[1].within",
                    contains: ["beyond the run"])
        assertError("[[claim]]\noptimizer = \"adam\"\nstep = 1.5\nbelow = 1.0\n", line: 17, key: "claim[1].step",
                    contains: ["is a number", "whole number"])
    }

    func testReachesGoesWithWithin() {
        assertError("[[claim]]\noptimizer = \"adam\"\nreaches = 1e-3\n", line: 17, key: "claim[1].reaches", contains: ["needs within"])
        assertError("[[claim]]\noptimizer = \"adam\"\nbelow = 1e-3\nwithin = 10\n", line: 18, key: "claim[1].within", contains: ["within goes with reaches"])
        assertError("[[claim]]\noptimizer = \"adam\"\nstep = 10\nreaches = 1e-3\nwithin = 10\n", line: 17, key: "claim[1].step",
                    contains: ["step does not apply to reaches"])
    }

    func testValuesAreChecked() {
        assertError("[[claim]]\noptimizer = \"adam\"\nbelow = \"small\"\n", line: 17, key: "claim[1].below", contains: ["is a string", "a number"])
        assertError("[[claim]]\noptimizer = \"adam\"\nbelow = nan\n", line: 17, key: "claim[1].below", contains: ["finite"])
        assertError("[[claim]]\noptimizer = \"adam\"\ndiverges = 1\n", line: 17, key: "claim[1].diverges", contains: ["true or false"])
        assertError("[[claim]]\noptimizer = \"adam\"\nbeats = \"adam\"\n", line: 17, key: "claim[1].beats", contains: ["own optimizer", "\"GD slow\""])
        assertError("[[claim]]\noptimizer = \"adam\"\nbelow = 1.0\nbelwo = 2\n", line: 18, key: "claim[1].belwo",
                    contains: ["unknown key 'belwo'", "did you mean 'below'"])
        assertError("[[claim]]\nbelow = 1.0\n", line: 15, key: "claim[1]", contains: ["missing optimizer", "\"adam\", \"GD slow\""])
    }

    func testBeatsTakesAFactor() throws {
        let scenario = try ScenarioLoader.parse(text: base + """
        [[claim]]
        optimizer = "adam"
        beats = "gd"
        by = 100

        [[claim]]
        optimizer = "gd"
        beats = "adam"
        by = 0.1

        [[claim]]
        optimizer = "gd"
        beats = "adam"
        by = 1
        """, file: "a.toml")
        XCTAssertEqual(scenario.claims.map(\.test), [.beats("GD slow", by: 100), .beats("adam", by: 0.1), .beats("adam")])
        XCTAssertEqual(scenario.claims[0].statement, "adam beats GD slow by a factor of 100 at step 200")
        XCTAssertEqual(scenario.claims[1].statement, "GD slow's loss is below 10 times adam's at step 200")
        XCTAssertEqual(scenario.claims[2].statement, "GD slow beats adam at step 200")
        let again = try ScenarioLoader.parse(text: ScenarioWriter.toml(scenario), file: "b.toml")
        XCTAssertEqual(again.claims, scenario.claims)
    }

    func testTheFactorIsChecked() {
        assertError("[[claim]]\noptimizer = \"adam\"\nbeats = \"gd\"\nby = 0\n", line: 18, key: "claim[1].by",
                    contains: ["bad.toml:18", "by = 0 is not valid", "a number > 0", "by = 100"])
        assertError("[[claim]]\noptimizer = \"adam\"\nbeats = \"gd\"\nby = -3\n", line: 18, key: "claim[1].by", contains: ["by = -3 is not valid"])
        assertError("[[claim]]\noptimizer = \"adam\"\nbeats = \"gd\"\nby = \"ten\"\n", line: 18, key: "claim[1].by", contains: ["is a string", "a number"])
        assertError("[[claim]]\noptimizer = \"adam\"\nbeats = \"gd\"\nby = inf\n", line: 18, key: "claim[1].by", contains: ["finite"])
        assertError("[[claim]]\noptimizer = \"adam\"\nbelow = 1e-3\nby = 10\n", line: 18, key: "claim[1].by",
                    contains: ["by goes with beats", "below takes no factor"])
        assertError("[[claim]]\noptimizer = \"adam\"\nreaches = 1e-3\nwithin = 10\nby = 10\n", line: 19, key: "claim[1].by",
                    contains: ["by goes with beats"])
    }

    func testAnAmbiguousTypeAsksForALabel() {
        let text = base + "[[optimizer]]\ntype = \"gd\"\nlabel = \"GD fast\"\nlr = 0.01\n\n[[claim]]\noptimizer = \"gd\"\nbelow = 1.0\n"
        do {
            _ = try ScenarioLoader.parse(text: text, file: "bad.toml")
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.keyPath, "claim[1].optimizer")
            XCTAssertTrue(error.message.contains("type of 2 optimizers"), error.message)
        }
    }
}

/// Writing a scenario keeps its claims, so `w` in the visualizer writes a file that still checks.
final class ClaimWriterTests: XCTestCase {
    func testClaimsSurviveWritingAndReading() throws {
        let text = """
        [problem]
        type = "rosenbrock"

        [run]
        steps = 200

        [[optimizer]]
        type = "adam"
        lr = 0.05

        [[optimizer]]
        type = "gd"
        lr = 0.001

        [[claim]]
        text = "Adam wins"
        optimizer = "adam"
        step = 150
        beats = "gd"

        [[claim]]
        optimizer = "gd"
        reaches = 1e-6
        within = 100

        [[claim]]
        optimizer = "gd"
        diverges = false
        """
        let scenario = try ScenarioLoader.parse(text: text, file: "a.toml")
        let again = try ScenarioLoader.parse(text: ScenarioWriter.toml(scenario), file: "b.toml")
        XCTAssertEqual(again.claims, scenario.claims)
        XCTAssertEqual(again.claims.count, 3)
    }
}
