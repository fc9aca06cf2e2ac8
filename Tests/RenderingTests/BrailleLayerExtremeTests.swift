import XCTest
import Foundation
import Rendering

/// Lines whose endpoints are astronomically far away (a diverging optimizer's path) must clip to
/// the layer and never trap converting a coordinate to an integer.
final class BrailleLayerExtremeTests: XCTestCase {
    /// Endpoint coordinates seen on paths that diverge: huge, tiny, and mixed signs.
    static let coordinates: [Double] = [
        -1e300, -3.7e250, -1e200, -4.2e19, -9.3e18, -1e10, -12.25, -0.5, 0, 0.4, 3.5, 7.49, 8, 1e10,
        9.3e18, 4.2e19, 1e200, 3.7e250, 1e300, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
    ]

    func testEveryPairOfExtremeEndpointsStaysInsideTheLayer() {
        let values = Self.coordinates
        var drew = 0
        for ax in values {
            for ay in values {
                for (bx, by) in [(values[0], 3.0), (4.0, values[values.count - 1]), (ay, ax), (-ax, -ay), (ax / 3, -ay / 7)] {
                    var layer = BrailleLayer(width: 4, height: 2)
                    var budget = 1000
                    layer.line(from: (ax, ay), to: (bx, by), color: .red, budget: &budget)
                    XCTAssertGreaterThanOrEqual(budget, 0)
                    if budget < 1000 { drew += 1 }
                }
            }
        }
        XCTAssertGreaterThan(drew, 0, "lines crossing the layer are still drawn")
    }

    func testNearlyCollinearHugeEndpointsFromADivergedPath() {
        // Seen on Rosenbrock at lr 1e8: both endpoints near 1e57..1e59, the line passing close to
        // the layer; clipping lost every digit of y (8.7e40) and the conversion to Int trapped.
        var layer = BrailleLayer(width: 32, height: 10)
        var budget = 10_000
        layer.line(from: (1.2560479507966144e+57, -7.566814012206866e+56),
                   to: (-1.2434874712886482e+59, 7.491145872084797e+58), color: .red, budget: &budget)
        XCTAssertGreaterThanOrEqual(budget, 0)
    }

    func testHugeLinesThroughTheLayerInEveryDirection() {
        var drawn = 0
        for exponent in stride(from: 20.0, through: 300, by: 10) {
            for angle in stride(from: 0.05, to: 2 * Double.pi, by: 0.37) {
                let scale = pow(10, exponent)
                // Through the dot (31, 17) of a 32x10-cell layer (64x40 dots), from far away.
                let start = (31 + scale * cos(angle), 17 + scale * sin(angle))
                let end = (31 - 1.7 * scale * cos(angle), 17 - 1.7 * scale * sin(angle))
                var layer = BrailleLayer(width: 32, height: 10)
                var budget = 10_000
                layer.line(from: start, to: end, color: .red, budget: &budget)
                if budget < 10_000 { drawn += 1 }
            }
        }
        XCTAssertGreaterThan(drawn, 0)
    }

    func testLineThroughTheLayerFromFarAwayIsDrawnAcrossIt() {
        // A horizontal line from -1e300 to 1e300 at dot row 2 must fill that row, nothing else.
        var layer = BrailleLayer(width: 3, height: 1)
        var budget = 1000
        layer.line(from: (-1e300, 2), to: (1e300, 2), color: .red, budget: &budget)
        var canvas = Canvas(width: 3, height: 1)
        layer.composite(onto: &canvas)
        XCTAssertEqual(canvas.plainText(), "⠤⠤⠤")
    }

    func testPathOverlayWithDivergingPointsDoesNotTrap() {
        let viewport = Viewport(x: -2...2, y: -1...3)
        let points: [SIMD2<Double>] = [SIMD2(-1.2, 1), SIMD2(3e153, -8e152), SIMD2(-1e300, 1e300), SIMD2(0.5, 0.5), SIMD2(1e308, -1e308)]
        let overlay = PathOverlay(viewport: viewport, paths: [.init(points: points, color: .red, marker: "●")])
        for (width, height) in [(1, 1), (7, 3), (64, 20), (223, 58)] {
            var canvas = Canvas(width: width, height: height)
            canvas.render(overlay, in: canvas.bounds)
            XCTAssertEqual(canvas.plainText().split(separator: "\n", omittingEmptySubsequences: false).count, height)
        }
    }
}
