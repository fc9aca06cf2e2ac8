import Scenarios
import XCTest
@testable import Visualizer

/// The legend says when an optimizer is running away, before and after its numbers stop being
/// finite, lists steps to 1e-6 where the minimum is known, and prints settings in one format.
final class DivergenceStatusScreenTests: XCTestCase {
    /// GD at lr 1.5 on x^2 + y^2 (minimum 0) doubles its distance every step: diverging long
    /// before overflow.
    private let runaway = """
    [problem]
    type = "quadratic"
    hessian = [[2.0, 0.0], [0.0, 2.0]]
    start = [1.0, 1.0]

    [[optimizer]]
    type = "gd"
    label = "GD too fast"
    lr = 1.5

    [[optimizer]]
    type = "gd"
    label = "GD steady"
    lr = 0.25
    """

    private func screen(_ state: AppState) -> String { ScreenRenderer().render(state).plainText() }

    private func legendRow(_ state: AppState, _ label: String) -> String {
        screen(state).split(separator: "\n").first { $0.contains(" \(label) ") && $0.contains("lr=") }.map(String.init) ?? ""
    }

    func testDivergingThenDiverged() throws {
        var state = try Fixtures.state(runaway)
        state.advance(steps: 4)
        // Gap 2 -> 2 * 4^4 = 512: growing, still under 1000 times the start.
        XCTAssertEqual(state.divergenceStatus(0), .healthy)
        state.advance(steps: 1)
        XCTAssertEqual(state.divergenceStatus(0), .diverging)
        XCTAssertTrue(legendRow(state, "GD too fast").contains("diverging"), legendRow(state, "GD too fast"))
        XCTAssertEqual(state.divergenceStatus(1), .healthy)
        state.advance(steps: 600)
        guard case .diverged(let step) = state.divergenceStatus(0) else { return XCTFail("\(state.divergenceStatus(0))") }
        XCTAssertTrue(legendRow(state, "GD too fast").contains("diverged at step \(step)"), legendRow(state, "GD too fast"))
    }

    func testStepsToToleranceWhereTheMinimumIsKnown() throws {
        var state = try Fixtures.state(runaway)
        XCTAssertTrue(screen(state).contains("to 1e-6"))
        state.advance(steps: 30)
        // GD at lr 0.25 halves the distance each step: gap 2 * 4^-k <= 1e-6 from k = 11.
        XCTAssertEqual(state.stepsToTolerance(1), 11)
        XCTAssertTrue(legendRow(state, "GD steady").contains("11 steps"), legendRow(state, "GD steady"))
        XCTAssertNil(state.stepsToTolerance(0))
    }

    func testSettingsUseOneNumberFormatAndListExplicitBlocks() {
        let configuration = OptimizerConfigurationFixture.adamMini(lr: 27_487_790_694.4, blocks: [2, 5, 1, 4])
        let text = LegendSettings.text(label: "adam-mini", configuration: configuration, schedule: .constant, defaultPartition: nil)
        XCTAssertEqual(text, "lr=2.75e+10 partition=[2,5,1,4]")
    }
}
