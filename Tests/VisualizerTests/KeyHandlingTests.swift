import Rendering
import Scenarios
import XCTest
@testable import Visualizer

final class KeyHandlingTests: XCTestCase {
    func testStepKeysAdvanceEveryOptimizer() throws {
        let start = try Fixtures.state(Fixtures.rosenbrock)
        XCTAssertEqual(start.step, 0)
        XCTAssertEqual(start.after(Fixtures.key("n")).step, 1)
        XCTAssertEqual(start.after(Fixtures.key(.right), Fixtures.key(.right)).step, 2)
        XCTAssertEqual(start.after(Fixtures.key("N")).step, 10)
        XCTAssertEqual(start.after(Fixtures.key("N"), Fixtures.key("b"), Fixtures.key(.left)).step, 8)
        XCTAssertEqual(start.after(Fixtures.key("b")).step, 0, "b at step 0 stays at step 0")
        XCTAssertEqual(start.after(Fixtures.key("N"), Fixtures.key("r")).step, 0)
    }

    func testBackThenForwardReproducesTheExactState() throws {
        // Noise makes this strict: the gradient noise generators must rewind with the racers.
        for text in [Fixtures.rosenbrock, Fixtures.noisyRosenbrock, Fixtures.blockQuadratic] {
            var state = try Fixtures.state(text)
            state.advance(steps: 5)
            let atFive = state.allBits
            state = state.after(Fixtures.key("n"))
            let atSix = state.allBits
            XCTAssertNotEqual(atFive, atSix)
            state = state.after(Fixtures.key("b"))
            XCTAssertEqual(state.step, 5)
            XCTAssertEqual(state.allBits, atFive, "b restores every parameter bit for bit")
            state = state.after(Fixtures.key("n"))
            XCTAssertEqual(state.allBits, atSix, "n after b reproduces the same step bit for bit")
            XCTAssertEqual(state.timeline.paths[0].count, 7)
        }
    }

    func testRewindingPastTheWindowRecomputesFromSnapshotsExactly() throws {
        var state = try Fixtures.state(Fixtures.noisyRosenbrock)
        state.advance(steps: 10)
        let atTen = state.allBits
        let lossesAtTen = state.timeline.losses
        state.advance(steps: Timeline.maximumWindow + 100)
        let atEnd = state.allBits
        for _ in 0..<(Timeline.maximumWindow + 100) { state = state.after(Fixtures.key("b")) }
        XCTAssertEqual(state.step, 10)
        XCTAssertEqual(state.allBits, atTen)
        XCTAssertEqual(state.timeline.losses.map { $0.map(\.bitPattern) }, lossesAtTen.map { $0.map(\.bitPattern) })
        state.advance(steps: Timeline.maximumWindow + 100)
        XCTAssertEqual(state.allBits, atEnd)
    }

    func testRetuningRecomputesThePathFromStepZero() throws {
        var state = try Fixtures.state(Fixtures.rosenbrock).after(Fixtures.key(.tab))
        XCTAssertEqual(state.selected, 1)
        state.advance(steps: 20)
        state = state.after(Fixtures.key("]"))
        XCTAssertEqual(state.step, 20)
        XCTAssertEqual(state.racer(1).configuration.hyperparameters.learningRate, 0.1, accuracy: 1e-15)
        XCTAssertEqual(state.racer(0).configuration.hyperparameters.learningRate, 0.001, accuracy: 1e-15)

        // The same run as if the file had said lr = 0.1 from the start.
        var reference = try Fixtures.state(Fixtures.rosenbrock.replacingOccurrences(of: "type = \"adam\"\nlr = 0.05", with: "type = \"adam\"\nlr = 0.1"))
        reference.advance(steps: 20)
        XCTAssertEqual(state.allBits, reference.allBits)
        XCTAssertEqual(state.timeline.paths[1].count, 21)

        state = state.after(Fixtures.key("["), Fixtures.key("["))
        XCTAssertEqual(state.racer(1).configuration.hyperparameters.learningRate, 0.025, accuracy: 1e-15)
        XCTAssertTrue(LegendText.of(state).contains("lr=0.025"))
    }

    func testSelectionAndVisibilityToggles() throws {
        let state = try Fixtures.state(Fixtures.rosenbrock)
        XCTAssertEqual(state.after(Fixtures.key(.backTab)).selected, 2, "shift-tab wraps around")
        XCTAssertEqual(state.after(Fixtures.key(.tab), Fixtures.key(.tab), Fixtures.key(.tab)).selected, 0)
        XCTAssertEqual(state.after(Fixtures.key(.down)).selected, 1)
        let hidden = state.after(Fixtures.key("2"))
        XCTAssertEqual(hidden.hidden, [1])
        XCTAssertEqual(hidden.after(Fixtures.key("2")).hidden, [])
        XCTAssertEqual(state.after(Fixtures.key("9")).hidden, [], "a digit beyond the optimizers does nothing")
    }

    func testOverlays() throws {
        let state = try Fixtures.state(Fixtures.rosenbrock)
        let help = state.after(Fixtures.key("?"))
        XCTAssertEqual(help.overlay, .help)
        XCTAssertEqual(help.after(Fixtures.key(.escape)).overlay, .none)
        XCTAssertEqual(help.after(Fixtures.key("n")).step, 0, "keys close the help instead of acting")

        let picker = state.after(Fixtures.key("o"))
        XCTAssertEqual(picker.effects, [.listScenarios])
        XCTAssertEqual(picker.overlay, .picker(PickerState()))
        let entries = [
            PickerEntry(path: "a.toml", name: "A", detail: "first", isBroken: false),
            PickerEntry(path: "b.toml", name: "b", detail: "b.toml:3: bad", isBroken: true),
        ]
        var listed = picker.after(.scenariosListed(entries))
        listed.effects = []
        XCTAssertEqual(listed.after(Fixtures.key(.enter)).effects, [.load(path: "a.toml")])
        let onBroken = listed.after(Fixtures.key(.down), Fixtures.key(.enter))
        XCTAssertEqual(onBroken.effects, [], "a broken file is not loaded; its error is on screen")
        XCTAssertEqual(listed.after(Fixtures.key(.down), Fixtures.key(.down)).overlay, .picker(PickerState(entries: entries)))
        XCTAssertEqual(listed.after(Fixtures.key(.escape)).overlay, .none)
    }

    func testQuitExportAndWriteAreEffects() throws {
        let state = try Fixtures.state(Fixtures.rosenbrock)
        XCTAssertEqual(state.after(Fixtures.key("q")).effects, [.quit])
        XCTAssertEqual(state.after(Fixtures.key("e")).effects, [.exportTrajectories])
        XCTAssertEqual(state.after(Fixtures.key("w")).effects, [.writeScenario])
    }

    func testTooSmallScreenOnlyAnswersQuitAndResize() throws {
        let state = try Fixtures.state(Fixtures.rosenbrock).after(.input(.resize(width: 50, height: 15)))
        XCTAssertTrue(state.layout.isTooSmall)
        XCTAssertEqual(state.after(Fixtures.key("n")).step, 0)
        XCTAssertEqual(state.after(Fixtures.key("?")).overlay, .none)
        XCTAssertEqual(state.after(Fixtures.key("q")).effects, [.quit])
        let back = state.after(.input(.resize(width: 120, height: 40)))
        XCTAssertFalse(back.layout.isTooSmall)
        XCTAssertEqual(back.after(Fixtures.key("n")).step, 1)
    }

    func testRunningAdvancesWithTimeAtTheChosenSpeed() throws {
        let state = try Fixtures.state(Fixtures.rosenbrock)
        XCTAssertEqual(state.after(.tick(seconds: 1)).step, 0, "paused: time does nothing")
        let running = state.after(Fixtures.key(" "))
        XCTAssertTrue(running.running)
        let speed = SpeedSetting.stepsPerSecond[running.speedIndex]
        XCTAssertEqual(running.after(.tick(seconds: 1)).step, Int(speed))
        let faster = running.after(Fixtures.key("+"))
        XCTAssertEqual(faster.after(.tick(seconds: 0.5)).step, Int(SpeedSetting.stepsPerSecond[faster.speedIndex] / 2))
        XCTAssertFalse(faster.after(Fixtures.key(" ")).running)
    }

    func testPanAndZoomMoveTheViewportAndZeroRestoresIt() throws {
        let state = try Fixtures.state(Fixtures.rosenbrock)
        let original = state.viewport
        let panned = state.after(Fixtures.key("l"))
        XCTAssertEqual(panned.viewport.xMin, original.xMin + 0.1 * original.width, accuracy: 1e-12)
        let zoomed = state.after(Fixtures.key("z"))
        XCTAssertEqual(zoomed.viewport.width, original.width * 0.8, accuracy: 1e-12)
        XCTAssertEqual(state.after(Fixtures.key("k"), Fixtures.key(.shiftDown)).viewport.yMin, original.yMin, accuracy: 1e-12)
        XCTAssertEqual(panned.after(Fixtures.key("x"), Fixtures.key("0")).viewport, original)
    }

    func testClickOnTheSurfaceRestartsFromThatPoint() throws {
        var state = try Fixtures.state(Fixtures.rosenbrock)
        state.advance(steps: 5)
        let inner = state.layout.surface.interior
        let clicked = state.after(.input(.mouse(x: inner.x + inner.width / 2, y: inner.y + inner.height / 2, kind: .click(.primary))))
        XCTAssertEqual(clicked.step, 0)
        let point = clicked.timeline.race.start
        let box = state.viewport
        XCTAssertEqual(point[0], (box.xMin + box.xMax) / 2, accuracy: box.width / Double(inner.width))
        XCTAssertEqual(point[1], (box.yMin + box.yMax) / 2, accuracy: box.height / Double(inner.height))
        XCTAssertEqual(clicked.racer(0).point, point)
        let outside = state.after(.input(.mouse(x: 0, y: state.height - 1, kind: .click(.primary))))
        XCTAssertEqual(outside.step, 5, "a click outside the surface does nothing")
    }

    func testClickOnAProjectionMapsBackThroughThePlane() throws {
        // An N-D problem opens on its Hessian; the slice is two views on.
        let state = try Fixtures.state(Fixtures.blockQuadratic).after(Fixtures.key("v"), Fixtures.key("v"))
        XCTAssertEqual(state.mainView, .slice)
        XCTAssertTrue(state.plane!.isProjection)
        let inner = state.layout.surface.interior
        let clicked = state.after(.input(.mouse(x: inner.x + 3, y: inner.y + 2, kind: .click(.primary))))
        let start = clicked.timeline.race.start
        XCTAssertEqual(start.count, 8)
        let uv = state.plane!.project(start)
        let fx = (3.5) / Double(inner.width), fy = 2.5 / Double(inner.height)
        let expected = state.viewport.point(fractionX: fx, fractionFromTop: fy)
        XCTAssertEqual(uv.x, expected.x, accuracy: 1e-9)
        XCTAssertEqual(uv.y, expected.y, accuracy: 1e-9)
    }
}

/// The legend's text, for assertions on what a user reads.
enum LegendText {
    static func of(_ state: AppState) -> String {
        ScreenRenderer().render(state).plainText()
    }
}
