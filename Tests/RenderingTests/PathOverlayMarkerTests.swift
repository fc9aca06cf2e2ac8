import XCTest
import Rendering

/// Markers sharing a cell show the top one and a count; a point outside the view gets an arrow
/// at the edge in its colour.
final class PathOverlayMarkerTests: XCTestCase {
    private let viewport = Viewport(x: 0...10, y: 0...10)

    func testSharedCellShowsTheTopMarkerAndACount() {
        let paths = [
            PathOverlay.Path(points: [SIMD2(5, 5)], color: .red, marker: "●"),
            PathOverlay.Path(points: [SIMD2(5, 5)], color: .green, marker: "▲"),
            PathOverlay.Path(points: [SIMD2(5, 5)], color: .blue, marker: "■"),
        ]
        let text = rendered(PathOverlay(viewport: viewport, paths: paths), width: 10, height: 5)
        XCTAssertTrue(text.contains("■3"), text)
        XCTAssertFalse(text.contains("●"), text)
    }

    func testOffViewPointsGetAnEdgeArrow() {
        let paths = [
            PathOverlay.Path(points: [SIMD2(5, 5), SIMD2(50, 5)], color: .red, marker: "●"),
            PathOverlay.Path(points: [SIMD2(5, 5), SIMD2(-20, -20)], color: .blue, marker: "■"),
        ]
        let overlay = canvas(PathOverlay(viewport: viewport, paths: paths), width: 10, height: 5)
        let rows = overlay.plainText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(rows[2].last, "→", rows.joined(separator: "\n"))
        XCTAssertEqual(rows[4].first, "↙", rows.joined(separator: "\n"))
        XCTAssertEqual(overlay[9, 2].foreground, .red)
    }
}
