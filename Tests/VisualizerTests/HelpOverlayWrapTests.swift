import Rendering
import XCTest
@testable import Visualizer

/// The help overlay's text stays inside its box on narrow screens, and a wrapped key description
/// continues under its own column rather than under the keys.
final class HelpOverlayWrapTests: XCTestCase {
    func testNarrowHelpStaysInsideItsBox() throws {
        let state = try Fixtures.state(Fixtures.rosenbrock, width: 70, height: 40).after(Fixtures.key("?"))
        let rows = ScreenRenderer().render(state).plainText().split(separator: "\n").map(String.init)
        let boxRows = rows.filter { $0.contains("│") }
        XCTAssertFalse(boxRows.isEmpty)
        if ProcessInfo.processInfo.environment["SHOW"] != nil { print(rows.joined(separator: "\n")) }
        let keyWidth = KeyHelp.sections.flatMap(\.keys).map { $0.0.count }.max()!
        // The line for ':' wraps at 70 columns; its continuation starts under the description.
        let colon = try XCTUnwrap(rows.firstIndex { $0.contains("type the selected optimizer") })
        let next = rows[colon + 1]
        let overlayLeft = try XCTUnwrap(rows[colon].firstIndex(of: "│"))
        let text = next[next.index(after: overlayLeft)...]
        XCTAssertTrue(text.hasPrefix(String(repeating: " ", count: 1 + 2 + keyWidth + 2)), "continuation: '\(next)'")
    }
}
