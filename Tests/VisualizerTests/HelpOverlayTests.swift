import Rendering
import XCTest
@testable import Visualizer

/// The help overlay puts the scenario's description above the keys when both fit, and never lets
/// the description push keys off the screen.
final class HelpOverlayTests: XCTestCase {
    private func help(width: Int, height: Int) throws -> String {
        let state = try Fixtures.state(Fixtures.rosenbrock, width: width, height: height).after(Fixtures.key("?"))
        return ScreenRenderer().render(state).plainText()
    }

    func testTallScreensShowTheDescriptionAboveTheKeys() throws {
        let text = try help(width: 120, height: 60)
        XCTAssertTrue(text.contains("Three optimizers in the valley."), text)
        XCTAssertTrue(text.contains("Rewinding is exact"), text)
    }

    func testShortScreensKeepEveryKeyAndDropTheDescription() throws {
        let text = try help(width: 120, height: 40)
        XCTAssertFalse(text.contains("Three optimizers in the valley."), text)
        XCTAssertTrue(text.contains("Rewinding is exact"), text)
    }
}
