import Scenarios
import XCTest
@testable import Visualizer

/// What the TUI's `e` and `w` write: the run as trajectory CSV, the retuned scenario as TOML.
final class ExportTests: XCTestCase {
    func testRetunedScenarioLoadsAgainWithRetunedRatesAndStart() throws {
        for text in [Fixtures.rosenbrock, Fixtures.blockQuadratic] {
            var state = try Fixtures.state(text)
            let inner = state.layout.surface.interior
            state = state.after(.input(.mouse(x: inner.x + 5, y: inner.y + 4, kind: .click(.primary))),
                                Fixtures.key(.tab), Fixtures.key("]"))
            state.advance(steps: 3)
            let loaded = try ScenarioLoader.parse(text: state.retunedScenarioTOML, file: "retuned.toml")
            XCTAssertEqual(loaded.name, state.scenario.name)
            XCTAssertEqual(loaded.problem.start, state.timeline.race.start)
            XCTAssertEqual(loaded.optimizers, state.currentScenario.optimizers)
            XCTAssertEqual(loaded.optimizers[1].configuration.hyperparameters.learningRate, 0.1, accuracy: 1e-15)
            XCTAssertEqual(loaded.settings, state.scenario.settings)
            // The reloaded scenario runs exactly as the session did.
            var again = try AppState(scenario: loaded, width: 120, height: 40, colorMode: .none)
            again.advance(steps: 3)
            XCTAssertEqual(again.allBits, state.allBits)
        }
    }

    func testTrajectoriesAreTheRunAsTrajectoryCSV() throws {
        var state = try Fixtures.state(Fixtures.rosenbrock)
        state.advance(steps: 4)
        var text = ""
        state.trajectoryCSV { text += $0 }
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines.first, "optimizer,step,loss,x0,x1")
        XCTAssertEqual(lines.count, 1 + 3 * 5)
        XCTAssertEqual(lines[1], "gd,0,24.199999999999996,-1.2,1.0")
        let last = state.racer(2).point
        XCTAssertEqual(lines.last.map(String.init), "adam-mini,4,\(state.racer(2).loss),\(last[0]),\(last[1])")
        XCTAssertEqual(state.step, 4, "the session's race stays where it is")
    }

    func testLongRunsArriveInPieces() throws {
        var state = try Fixtures.state(Fixtures.rosenbrock.replacingOccurrences(of: "steps = 50", with: "steps = 5000"))
        state.advance(steps: 2000)
        var pieces: [String] = []
        state.trajectoryCSV { pieces.append($0) }
        XCTAssertGreaterThan(pieces.count, 2)
        XCTAssertTrue(pieces.dropLast().allSatisfy { $0.utf8.count < 1 << 17 })
        XCTAssertEqual(pieces.joined().split(separator: "\n").count, 1 + 3 * (state.step + 1))
    }
}
