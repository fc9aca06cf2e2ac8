import Rendering
import XCTest
@testable import Visualizer

/// `R` asks the runner to start or stop recording; the status line says when it records.
final class RecordingKeyTests: XCTestCase {
    func testRAsksTheRunnerToToggleRecording() throws {
        let state = try Fixtures.state(Fixtures.rosenbrock).after(Fixtures.key("R"))
        XCTAssertEqual(state.effects, [.toggleRecording])
        XCTAssertFalse(state.isRecording, "only the runner knows whether a recording started")
    }

    func testTheStatusLineShowsRECWhileRecordingAndTheStepStaysReadable() throws {
        for mode in [ColorMode.none, .palette256] {
            var state = try Fixtures.state(Fixtures.rosenbrock, width: 60, height: 18, mode: mode)
            state.apply(.recording(true))
            state.advance(steps: 3)
            let canvas = ScreenRenderer().render(state)
            let status = canvas.plainText().split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            XCTAssertTrue(status.hasPrefix(" ● REC · step 3 · ❚❚ paused"), status)
            if mode != .none {
                XCTAssertEqual(canvas[1, 17].foreground, .rgb(190, 0, 0), "the mark is red where there is colour")
            }
            state.apply(.recording(false))
            let after = ScreenRenderer().render(state).plainText()
            XCTAssertFalse(after.contains("REC"), after)
        }
    }

    func testTheHelpListsTheKey() {
        XCTAssertTrue(KeyHelp.text().contains("record the session as an asciicast"))
    }
}
