import Rendering
import Scenarios
import XCTest
@testable import Visualizer

/// The help overlay lists the scenario's claims, marks each once the run reaches its step, and
/// judges them again after retuning and stepping back, as `descent check` would.
final class ClaimOverlayTests: XCTestCase {
    private let scenario = """
    description = "GD halves its distance every step."

    [problem]
    type = "quadratic"
    hessian = [[2.0, 0.0], [0.0, 2.0]]
    start = [1.0, 1.0]

    [run]
    steps = 20

    [[optimizer]]
    type = "gd"
    lr = 0.25

    [[optimizer]]
    type = "gd"
    label = "GD slow"
    lr = 0.01

    [[claim]]
    text = "GD gets below 1e-3 by step 10"
    optimizer = "gd"
    step = 10
    below = 1e-3

    [[claim]]
    optimizer = "gd"
    beats = "GD slow"
    """

    private func help(_ state: AppState) -> String {
        ScreenRenderer().render(state.after(Fixtures.key("?"))).plainText()
    }

    func testClaimsArePendingThenJudged() throws {
        var state = try Fixtures.state(scenario, width: 140, height: 60)
        XCTAssertTrue(help(state).contains("· GD gets below 1e-3 by step 10"), help(state))
        state.advance(steps: 10)
        XCTAssertTrue(help(state).contains("✓ GD gets below 1e-3 by step 10 (gd 1.91e-6)"), help(state))
        XCTAssertTrue(help(state).contains("· gd beats GD slow at step 20"), help(state))
        state.advance(steps: 10)
        XCTAssertTrue(help(state).contains("✓ gd beats GD slow at step 20"), help(state))
        // The verdicts are the ones descent check gives on the same file.
        let headless = try ClaimRun.verdicts(ScenarioLoader.parse(text: scenario, file: "t.toml"))
        XCTAssertEqual(state.timeline.claims.verdicts, headless)
    }

    func testRetuningAndSteppingBackJudgeAgain() throws {
        var state = try Fixtures.state(scenario, width: 140, height: 60)
        state.advance(steps: 10)
        // Halving GD's rate four times (lr 0.25 -> 0.0156) leaves it far above 1e-3 at step 10.
        for _ in 0..<4 { state = state.after(Fixtures.key("[")) }
        state.performPendingWork()
        XCTAssertEqual(state.racer(0).configuration.hyperparameters.learningRate, 0.015625, accuracy: 1e-12)
        XCTAssertEqual(state.timeline.claims.verdicts[0].holds, false)
        XCTAssertTrue(help(state).contains("✗ GD gets below 1e-3 by step 10"), help(state))
        state = state.after(Fixtures.key("b"))
        XCTAssertNil(state.timeline.claims.verdicts[0].holds)
        XCTAssertTrue(help(state).contains("· GD gets below 1e-3 by step 10"), help(state))
    }
}
