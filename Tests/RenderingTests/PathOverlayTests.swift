import XCTest
import Foundation
import Rendering

final class PathOverlayTests: XCTestCase {
    let unit = Viewport(x: 0...1, y: 0...1)

    func testDiagonalIsABrailleLine() {
        let overlay = PathOverlay(viewport: unit, paths: [.init(points: [SIMD2(0, 0), SIMD2(1, 1)], color: .red)])
        XCTAssertEqual(rendered(overlay, width: 4, height: 2), "  ⡠⠊\n⡠⠊")
    }

    func testMarkerAtCurrentPointAndMinimum() {
        let overlay = PathOverlay(
            viewport: unit, paths: [.init(points: [SIMD2(0, 0), SIMD2(1, 1)], color: .red, marker: "●")],
            minima: [SIMD2(0.6, 0.4)])
        let canvas = canvas(overlay, width: 4, height: 2)
        XCTAssertEqual(canvas.plainText(), "  ⡠●\n⡠⠊✕")
        XCTAssertEqual(canvas[3, 0].foreground, .red)
        XCTAssertTrue(canvas[3, 0].attributes.contains(.bold))
    }

    func testHorizontalLineAndCurrentIndexStopsThePath() {
        let points = [SIMD2(0.0, 0.5), SIMD2(1.0, 0.5), SIMD2(1.0, 0.0)]
        let overlay = PathOverlay(viewport: unit, paths: [.init(points: points, color: .green, currentIndex: 1)])
        // y = 0.5 lands on dot row 3.5 of 8, rounded to row 4: the top dots of the second cell row.
        XCTAssertEqual(rendered(overlay, width: 3, height: 2), "\n⠉⠉⠉")
    }

    func testPathKeepsBackgroundAndUsesOneColourPerCell() {
        var canvas = Canvas(width: 2, height: 1, fill: Cell(" ", background: .blue))
        canvas.render(PathOverlay(viewport: unit, paths: [
            .init(points: [SIMD2(0, 0.9), SIMD2(1, 0.9)], color: .red),
            .init(points: [SIMD2(0.9, 0), SIMD2(0.9, 1)], color: .green),
        ]), in: canvas.bounds)
        XCTAssertEqual(canvas[0, 0].background, .blue)
        XCTAssertEqual(canvas[0, 0].foreground, .red)
        XCTAssertEqual(canvas[1, 0].foreground, .green)
    }

    func testFarAwayAndNonFinitePointsAreClippedQuickly() {
        let points: [SIMD2<Double>] = [
            SIMD2(-1e300, 0.5), SIMD2(1e300, 0.5), SIMD2(.nan, 1), SIMD2(0.5, .infinity),
            SIMD2(-.greatestFiniteMagnitude, -.greatestFiniteMagnitude), SIMD2(.greatestFiniteMagnitude, .greatestFiniteMagnitude),
            SIMD2(5, 5), SIMD2(6, 6),
        ]
        let start = Date()
        let text = rendered(PathOverlay(viewport: unit, paths: [.init(points: points, color: .red, marker: "●")]), width: 4, height: 2)
        XCTAssertLessThan(Date().timeIntervalSince(start), 1)
        // The huge horizontal segment crosses the panel on dot row 4; the current point (6, 6)
        // is beyond the top-right corner, so an arrow there points at it.
        XCTAssertEqual(text, "   ↗\n⠉⠉⠉⠉")
    }

    func testDotBudgetCapsWork() {
        let zigzag = (0..<20_000).map { SIMD2(Double($0 % 2), Double(($0 / 2) % 2)) }
        let overlay = PathOverlay(viewport: unit, paths: [.init(points: zigzag, color: .red)], dotBudgetPerPath: 10)
        let canvas = canvas(overlay, width: 40, height: 20)
        let dots = canvas.cells.reduce(0) { $0 + ($1.scalar.value >= 0x2800 && $1.scalar.value <= 0x28FF ? ($1.scalar.value - 0x2800).nonzeroBitCount : 0) }
        XCTAssertLessThanOrEqual(dots, 10)
        XCTAssertGreaterThan(dots, 0)
    }

    func testEmptyAndSinglePointPaths() {
        let overlay = PathOverlay(viewport: unit, paths: [
            .init(points: [], color: .red, marker: "●"),
            .init(points: [SIMD2(0.1, 0.9)], color: .red, marker: "▲"),
        ])
        XCTAssertEqual(rendered(overlay, width: 3, height: 2), "▲\n")
    }
}
