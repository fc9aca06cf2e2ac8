import Scenarios
import XCTest

/// Writing a scenario and reading it back is the identity, for the shipped files and for
/// generated ones.
final class ScenarioRoundTripTests: XCTestCase {
    private func assertRoundTrip(_ scenario: Scenario, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        let written = ScenarioWriter.toml(scenario)
        do {
            let read = try ScenarioLoader.parse(text: written, file: "written.toml")
            XCTAssertEqual(read.name, scenario.name, context, file: file, line: line)
            XCTAssertEqual(read.description, scenario.description, context, file: file, line: line)
            XCTAssertEqual(read.settings, scenario.settings, context, file: file, line: line)
            XCTAssertEqual(read.optimizers, scenario.optimizers, context, file: file, line: line)
            XCTAssertEqual(read.problem.typeName, scenario.problem.typeName, context, file: file, line: line)
            XCTAssertEqual(read.problem.start, scenario.problem.start, context, file: file, line: line)
            XCTAssertEqual(read.problem.view, scenario.problem.view, context, file: file, line: line)
            XCTAssertEqual(read.problem.noise, scenario.problem.noise, context, file: file, line: line)
            XCTAssertEqual(read.problem.hessianBlocks, scenario.problem.hessianBlocks, context, file: file, line: line)
            // toml++ hands keys back sorted, so a key the writer appended (start) may move up;
            // the lines written are the same.
            XCTAssertEqual(ScenarioWriter.toml(read).split(separator: "\n").sorted(), written.split(separator: "\n").sorted(),
                           "writing is not a fixed point: \(context)", file: file, line: line)
        } catch {
            XCTFail("\(error) reading back \(context):\n\(written)", file: file, line: line)
        }
    }

    func testShippedScenariosRoundTrip() throws {
        for (name, text) in Corpora.shippedScenarios {
            assertRoundTrip(try ScenarioLoader.parse(text: text, file: name, defaultName: name), name)
        }
    }

    func testGeneratedScenariosRoundTrip() {
        var generator = ScenarioGenerator(seed: 0x7217)
        var tried = 0
        for _ in 0..<600 {
            let text = generator.next()
            guard let scenario = try? ScenarioLoader.parse(text: text, file: "g.toml") else { continue }
            tried += 1
            assertRoundTrip(scenario, text)
        }
        XCTAssertGreaterThan(tried, 200)
    }
}
