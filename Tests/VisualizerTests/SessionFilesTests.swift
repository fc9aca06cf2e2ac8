import Foundation
import Scenarios
import XCTest
@testable import Visualizer

final class SessionFilesTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "descent-visualizer-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testWrittenScenarioLoadsAgainWithRetunedRatesAndStart() throws {
        for text in [Fixtures.rosenbrock, Fixtures.blockQuadratic] {
            var state = try Fixtures.state(text)
            let inner = state.layout.surface.interior
            state = state.after(.input(.mouse(x: inner.x + 5, y: inner.y + 4, kind: .click(.primary))),
                                Fixtures.key(.tab), Fixtures.key("]"))
            state.advance(steps: 3)
            let path = try SessionFiles.writeScenario(state, directory: directory)
            let loaded = try ScenarioLoader.load(path: path)
            XCTAssertEqual(loaded.name, state.scenario.name)
            XCTAssertEqual(loaded.problem.start, state.timeline.race.start)
            XCTAssertEqual(loaded.optimizers, state.currentScenario.optimizers)
            XCTAssertEqual(loaded.optimizers[1].configuration.hyperparameters.learningRate, 0.1, accuracy: 1e-15)
            XCTAssertEqual(loaded.settings, state.scenario.settings)
            // The reloaded scenario runs exactly as the session did.
            var again = try AppState(scenario: loaded, width: 120, height: 40, colorMode: .none)
            again.advance(steps: 3)
            XCTAssertEqual(again.allBits, state.allBits)
            let second = try SessionFiles.writeScenario(state, directory: directory)
            XCTAssertNotEqual(second, path, "never overwrites")
        }
    }

    func testExportWritesTheRunAsTrajectoryCSV() throws {
        var state = try Fixtures.state(Fixtures.rosenbrock)
        state.advance(steps: 4)
        let path = try SessionFiles.exportTrajectories(state, directory: directory)
        XCTAssertTrue(path.hasSuffix("test-step4.csv"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines.first, "optimizer,step,loss,x0,x1")
        XCTAssertEqual(lines.count, 1 + 3 * 5)
        XCTAssertEqual(lines[1], "gd,0,24.199999999999996,-1.2,1.0")
        let last = state.racer(2).point
        XCTAssertEqual(lines.last.map(String.init), "adam-mini,4,\(state.racer(2).loss),\(last[0]),\(last[1])")
        let second = try SessionFiles.exportTrajectories(state, directory: directory)
        XCTAssertTrue(second.hasSuffix("test-step4-2.csv"))
    }

    func testPickerListsNamesAndErrors() throws {
        try Fixtures.rosenbrock.write(toFile: directory + "/good.toml", atomically: true, encoding: .utf8)
        try "[problem]\ntype = \"rosenbrok\"\n".write(toFile: directory + "/bad.toml", atomically: true, encoding: .utf8)
        let entries = SessionFiles.listScenarios(directory: directory)
        XCTAssertEqual(entries.map(\.isBroken), [true, false])
        XCTAssertEqual(entries[1].name, "Rosenbrock test")
        XCTAssertTrue(entries[0].detail.contains("bad.toml"), entries[0].detail)
    }
}
