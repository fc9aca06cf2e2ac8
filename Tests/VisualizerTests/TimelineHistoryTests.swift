import Scenarios
import XCTest
@testable import Visualizer

/// A long run's drawn history is thinned to a bounded number of points that stay on a grid of
/// steps, and stepping back keeps it consistent with an unthinned run.
final class TimelineHistoryTests: XCTestCase {
    private func timelines(limit: Int) throws -> (thinned: Timeline, full: Timeline) {
        let scenario = try Fixtures.scenario(Fixtures.noisyRosenbrock)
        let race = try AnyRace(scenario: scenario)
        let plane = SurfacePlane(problem: scenario.problem)
        return (Timeline(race: race, plane: plane, historyLimit: limit),
                Timeline(race: race, plane: plane, historyLimit: 1 << 30))
    }

    /// Checks that `thinned` holds `full`'s points at steps 0, s, 2s, ... and the current step last.
    private func assertOnGrid(_ thinned: Timeline, _ full: Timeline, line: UInt = #line) {
        let stride = thinned.historyStride
        let step = thinned.step
        let grid = Array(Swift.stride(from: 0, through: step, by: stride))
        let steps = step % stride == 0 ? grid : grid + [step]
        for racer in 0..<full.losses.count {
            XCTAssertEqual(thinned.losses[racer].map(\.bitPattern), steps.map { full.losses[racer][$0].bitPattern }, line: line)
            XCTAssertEqual(thinned.paths[racer], steps.map { full.paths[racer][$0] }, line: line)
        }
    }

    func testHistoryStaysBoundedAndOnItsGrid() throws {
        var (thinned, full) = try timelines(limit: 64)
        for count in [1, 63, 1, 200, 3, 1500] {
            thinned.forward(count)
            full.forward(count)
            XCTAssertLessThanOrEqual(thinned.losses[0].count, 66)
            assertOnGrid(thinned, full)
        }
        XCTAssertEqual(thinned.historyStride, 32)
    }

    func testSteppingBackTrimsTheThinnedHistoryExactly() throws {
        var (thinned, full) = try timelines(limit: 64)
        thinned.forward(1000)
        full.forward(1000)
        for _ in 0..<301 {
            thinned.back()
            full.back()
        }
        XCTAssertEqual(thinned.step, 699)
        assertOnGrid(thinned, full)
        thinned.forward(77)
        full.forward(77)
        assertOnGrid(thinned, full)
        thinned.reset()
        XCTAssertEqual(thinned.historyStride, 1)
        XCTAssertEqual(thinned.losses[0].count, 1)
    }
}
