import XCTest
@testable import Rendering

/// Contour lines take the colour of the surface under them, darkened or lightened: never one
/// of the colours paths are drawn in.
final class ContourColorTests: XCTestCase {
    private func distance(_ a: TerminalColor, _ b: TerminalColor) -> Double {
        guard let (ar, ag, ab) = a.rgbComponents, let (br, bg, bb) = b.rgbComponents else { return .infinity }
        let d = [Double(ar) - Double(br), Double(ag) - Double(bg), Double(ab) - Double(bb)]
        return (d[0] * d[0] + d[1] * d[1] + d[2] * d[2]).squareRoot()
    }

    func testContoursNeverTakeAPathColour() {
        for colormap in [Colormap.viridis, Colormap.blueWhiteRed] {
            for step in 0...100 {
                let background = colormap.color(at: Double(step) / 100)
                let line = ContourOverlay.contrasting(background)
                for path in SeriesPalette.colors {
                    XCTAssertGreaterThan(distance(line, path), 40, "contour \(line) on \(background) looks like path colour \(path)")
                }
            }
        }
    }
}
