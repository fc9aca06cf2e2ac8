import Scenarios
import XCTest
@testable import Visualizer

/// Saddle points of 2-D surfaces are found and marked.
final class SaddlePointTests: XCTestCase {
    private func plane(_ problem: String) throws -> SurfacePlane {
        let scenario = try ScenarioLoader.parse(text: "[problem]\n\(problem)\n[[optimizer]]\ntype = \"gd\"\n", file: "t.toml")
        return try XCTUnwrap(SurfacePlane(problem: scenario.problem))
    }

    func testSaddlesAreFound() throws {
        let saddle = try plane("type = \"expression\"\nf = \"x^2 + y^4/4 - y^2\"\nview = { x = [-2.0, 2.0], y = [-2.0, 2.0] }")
        XCTAssertEqual(saddle.saddles.count, 1)
        XCTAssertEqual(saddle.saddles[0].x, 0, accuracy: 1e-9)
        XCTAssertEqual(saddle.saddles[0].y, 0, accuracy: 1e-9)
        // Himmelblau's four minima are separated by four saddles (and a maximum, not marked).
        XCTAssertEqual(try plane("type = \"himmelblau\"").saddles.count, 4)
        XCTAssertTrue(try plane("type = \"expression\"\nf = \"x^2 + y^2\"").saddles.isEmpty)
    }

    func testSaddleIsMarkedOnScreen() throws {
        let text = """
        [problem]
        type = "expression"
        f = "x^2 - y^2"
        start = [1.0, 1.0]
        view = { x = [-2.0, 2.0], y = [-2.0, 2.0] }

        [[optimizer]]
        type = "gd"
        """
        let state = try Fixtures.state(text)
        XCTAssertTrue(ScreenRenderer().render(state).plainText().contains("⋈"))
    }
}
