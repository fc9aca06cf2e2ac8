import Rendering
import XCTest
@testable import Visualizer

final class ScreenSnapshotTests: XCTestCase {
    func testSurfaceScreenAfterThirtySteps() throws {
        var state = try Fixtures.state(Fixtures.rosenbrock)
        state.advance(steps: 30)
        Snapshot.assert(ScreenRenderer().render(state).plainText(), named: "rosenbrock-120x40-step30")
    }

    func testQuadraticScreenShowsTheProjectionAndBlocks() throws {
        var state = try Fixtures.state(Fixtures.blockQuadratic).after(Fixtures.key(.tab), Fixtures.key(.tab))
        state.advance(steps: 12)
        let text = ScreenRenderer().render(state).plainText()
        XCTAssertTrue(text.contains("Hessian 8x8 · 2 blocks"))
        XCTAssertTrue(text.contains("adam-mini 2"))
        Snapshot.assert(text, named: "quadratic-120x40-step12")
    }

    func testWideScreen() throws {
        var state = try Fixtures.state(Fixtures.rosenbrock, width: 200, height: 60)
        state.advance(steps: 40)
        Snapshot.assert(ScreenRenderer().render(state).plainText(), named: "rosenbrock-200x60-step40")
    }

    func testMinimumSizeScreen() throws {
        var state = try Fixtures.state(Fixtures.rosenbrock, width: 60, height: 18)
        state.advance(steps: 10)
        Snapshot.assert(ScreenRenderer().render(state).plainText(), named: "rosenbrock-60x18-step10")
    }

    func testHelpOverlayListsEveryKey() throws {
        let state = try Fixtures.state(Fixtures.rosenbrock).after(Fixtures.key("?"))
        let text = ScreenRenderer().render(state).plainText()
        for key in ["n  →", "shift-tab", "1 … 9", "[  ]", "h j k l", "click", "space", "esc", "q"] {
            XCTAssertTrue(text.contains(key), "help lists \(key)")
        }
        XCTAssertTrue(text.contains("last \(Timeline.maximumWindow) steps"))
        Snapshot.assert(text, named: "help-120x40")
    }

    func testTooSmallScreenSaysWhatIsNeeded() throws {
        let state = try Fixtures.state(Fixtures.rosenbrock, width: 50, height: 15)
        let text = ScreenRenderer().render(state).plainText()
        let expected = Array(repeating: "", count: 6) + [
            "            terminal too small: 50x15",
            "           descent needs at least 60x18",
            "      enlarge the window, or press q to quit",
        ] + Array(repeating: "", count: 6)
        XCTAssertEqual(text, expected.joined(separator: "\n"))
    }

    func testStatusLineShowsStepRunningAndSpeed() throws {
        let state = try Fixtures.state(Fixtures.rosenbrock).after(Fixtures.key("n"), Fixtures.key(" "))
        let line = ScreenRenderer().render(state).plainText().split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(line.hasPrefix(" step 1 · ▶ running · 20 steps/s · Rosenbrock test "), line)
        XCTAssertTrue(line.contains("? help"))
    }

    func testDivergedOptimizerIsMarkedAndTheScreenStillDraws() throws {
        var state = try Fixtures.state(Fixtures.diverging)
        state.advance(steps: 30)
        XCTAssertNotNil(state.racer(0).divergedAt)
        let text = ScreenRenderer().render(state).plainText()
        XCTAssertTrue(text.contains("diverged at step \(state.racer(0).divergedAt!)"), text)
        XCTAssertTrue(text.contains("step 30"))
    }

    func testHeatmapIsCachedUntilTheViewChanges() throws {
        var state = try Fixtures.state(Fixtures.rosenbrock, mode: .palette256)
        let renderer = ScreenRenderer()
        _ = renderer.render(state)
        state = state.after(Fixtures.key("n"), Fixtures.key(.tab))
        _ = renderer.render(state)
        XCTAssertEqual(renderer.cache.recomputations, 1)
        state = state.after(Fixtures.key("l"))
        _ = renderer.render(state)
        XCTAssertEqual(renderer.cache.recomputations, 2)
        state = state.after(.input(.resize(width: 130, height: 44)))
        _ = renderer.render(state)
        XCTAssertEqual(renderer.cache.recomputations, 3)
    }
}
