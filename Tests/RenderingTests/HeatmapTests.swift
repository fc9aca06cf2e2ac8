import XCTest
import Rendering

final class HeatmapTests: XCTestCase {
    /// Each cell shades the mean of its two pixel rows on the ramp " .:-=+*#%@".
    func testKnownGridInNoColorModeShadesWithGlyphs() {
        let grid = ScalarGrid(columns: 4, rows: 4, values: [
            0, 0.2, 0.5, 1,
            0.1, 0.3, 0.6, 1,
            0.72, 0.74, 0.86, 0.96,
            0.72, 0.76, 0.9, 0.98,
        ])
        let heatmap = HeatmapWidget(grid: grid, range: .full, mode: .none)
        XCTAssertEqual(rendered(heatmap, width: 4, height: 2), " :+@\n##%@")
    }

    func testColourModeUsesUpperHalfBlocksWithTopAndBottomPixels() {
        let grid = ScalarGrid(columns: 1, rows: 2, values: [0, 1])
        let canvas = canvas(HeatmapWidget(grid: grid, range: .full), width: 1, height: 1)
        XCTAssertEqual(canvas[0, 0], Cell("▀", foreground: .rgb(68, 1, 84), background: .rgb(253, 231, 37)))
        XCTAssertEqual(canvas.ansiText(mode: .palette256), "\u{1B}[0;38;5;53;48;5;220m▀\u{1B}[0m")
    }

    func testNonFiniteValuesAreLeftUncolouredAndDoNotSkewTheScale() {
        let grid = ScalarGrid(columns: 2, rows: 2, values: [.nan, 1, 0, .infinity])
        let heatmap = HeatmapWidget(grid: grid, range: .full)
        XCTAssertEqual(heatmap.scale.lower, 0)
        XCTAssertEqual(heatmap.scale.upper, 1)
        let canvas = canvas(heatmap, width: 2, height: 1)
        XCTAssertEqual(canvas[0, 0], Cell("▄", foreground: .rgb(68, 1, 84)))
        XCTAssertEqual(canvas[1, 0], Cell("▀", foreground: .rgb(253, 231, 37)))
    }

    func testAllNaNGridDrawsBlanks() {
        let grid = ScalarGrid(columns: 3, rows: 2, values: [.nan, .nan, .nan, .nan, .nan, .nan])
        XCTAssertEqual(rendered(HeatmapWidget(grid: grid), width: 3, height: 2), "\n")
        XCTAssertEqual(rendered(HeatmapWidget(grid: grid, kind: .log, mode: .none), width: 3, height: 2), "\n")
    }

    func testGridIsResampledToTheRect() {
        let grid = ScalarGrid(columns: 2, rows: 1, values: [0, 1])
        XCTAssertEqual(rendered(HeatmapWidget(grid: grid, range: .full, mode: .none), width: 4, height: 1), "  @@")
    }

    func testRobustRangeIgnoresOutliers() {
        var values = (0..<100).map(Double.init)
        values[99] = 1e12
        let scale = ColorScale.fitting(values, range: .percentiles(low: 0, high: 0.95))
        XCTAssertEqual(scale.lower, 0)
        XCTAssertLessThan(scale.upper, 100)
    }

    func testLogScaleSpreadsDecadesEvenlyAndHandlesZero() {
        let scale = ColorScale(lower: 1, upper: 1000, kind: .log)
        XCTAssertEqual(scale.normalized(10)!, 1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(scale.value(at: 2.0 / 3), 100, accuracy: 1e-9)
        let touchingZero = ColorScale(lower: 0, upper: 100, kind: .log)
        XCTAssertEqual(touchingZero.normalized(0), 0)
        XCTAssertEqual(touchingZero.normalized(100), 1)
        XCTAssertGreaterThan(touchingZero.normalized(1)!, 0.5)
        XCTAssertNil(touchingZero.normalized(.nan))
        XCTAssertEqual(ColorScale(lower: 3, upper: 3).normalized(3), 0.5)
    }

    func testVerticalStepGivesAVerticalContour() {
        let grid = ScalarGrid(columns: 4, rows: 4, values: [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1])
        let contour = ContourOverlay(grid: grid, scale: ColorScale(lower: 0, upper: 1), levels: 1)
        XCTAssertEqual(rendered(contour, width: 4, height: 2), "  │\n  │")
    }

    func testBowlContourIsAClosedCurve() {
        let viewport = Viewport(x: -1...1, y: -1...1)
        let grid = ScalarGrid.sampling(viewport, columns: 16, rows: 16) { $0 * $0 + $1 * $1 }
        let contour = ContourOverlay(grid: grid, scale: ColorScale(lower: 0, upper: 1), levels: 1)
        XCTAssertEqual(rendered(contour, width: 16, height: 8), """

            ╭──────╮
          ╭─╯      ╰─╮
          │          │
          │          │
          ╰─╮      ╭─╯
            ╰──────╯

        """)
    }

    func testContourKeepsTheHeatmapBackground() {
        let grid = ScalarGrid(columns: 4, rows: 4, values: [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1])
        let scale = ColorScale(lower: 0, upper: 1)
        var canvas = Canvas(width: 4, height: 2)
        canvas.render(HeatmapWidget(grid: grid, scale: scale), in: canvas.bounds)
        let before = canvas[2, 0].background
        canvas.render(ContourOverlay(grid: grid, scale: scale, levels: 1), in: canvas.bounds)
        XCTAssertEqual(canvas[2, 0].glyph, "│")
        XCTAssertEqual(canvas[2, 0].background, before)
        XCTAssertEqual(canvas[2, 0].foreground, .rgb(20, 20, 20))
    }

    func testLogContourLevelsAreLogSpaced() {
        let contour = ContourOverlay(
            grid: ScalarGrid(columns: 1, rows: 1, values: [1]),
            scale: ColorScale(lower: 1, upper: 1000, kind: .log), levels: 2)
        XCTAssertEqual(contour.levelValues[0], 10, accuracy: 1e-9)
        XCTAssertEqual(contour.levelValues[1], 100, accuracy: 1e-9)
    }
}
