import XCTest
import Rendering

/// Every widget must accept any input and any size without trapping.
final class RobustnessTests: XCTestCase {
    let weird: [Double] = [.nan, .infinity, -.infinity, 0, -0.0, 1e308, -1e308, .leastNonzeroMagnitude, 1, -1]

    func widgets() -> [any Widget] {
        let grid = ScalarGrid(columns: 5, rows: 2, values: weird)
        let viewport = Viewport(xMin: -.infinity, xMax: .nan, yMin: 0, yMax: 0)
        let points = weird.indices.map { SIMD2(weird[$0], weird[(weird.count - 1) - $0]) }
        return [
            HeatmapWidget(grid: grid),
            HeatmapWidget(grid: grid, kind: .log, mode: .none),
            HeatmapWidget(grid: ScalarGrid(columns: 0, rows: 0, values: [])),
            ContourOverlay(grid: grid, scale: .fitting(weird, kind: .log), levels: 1000),
            ContourOverlay(grid: grid, scale: ColorScale(lower: .nan, upper: .infinity), levels: -3),
            PathOverlay(viewport: viewport, paths: [.init(points: points, color: .red, marker: "●", currentIndex: 99)], minima: points),
            PathOverlay(viewport: Viewport(x: 0...1, y: 0...1), paths: [.init(points: points, color: .red, marker: "●", currentIndex: -5)]),
            LineChart(series: [.init(values: weird, color: .red, startStep: Int.max - 3)], logY: true, currentStep: Int.min),
            LineChart(series: [.init(values: weird, color: .red)], xDomain: 5...5, yDomain: -.infinity...0),
            LineChart(series: []),
            MatrixHeatmap(rows: 3, columns: 4, values: weird, blocks: [2, Int.max], secondaryBlocks: [1, 1, 1, 1, 1]),
            MatrixHeatmap(rows: 0, columns: 5, values: [], blocks: [1]),
            MatrixHeatmap(rows: 200, columns: 3, values: weird, limit: .nan),
            BarChart(bars: weird.map { .init(label: "\($0)", value: $0) }),
            BarChart(bars: weird.map { .init(label: "", value: $0) }, orientation: .vertical, logScale: true, maximum: -1),
            Table(columns: [.init("a", width: -4), .init("b", width: 1000)], rows: [.init(cells: [])], selectedRow: -1),
            TextBlock(String(repeating: "word ", count: 500)),
            Overlay(title: String(repeating: "t", count: 300), text: "", maxWidth: -10),
            StatusBar(left: "", right: String(repeating: "r", count: 50)),
        ]
    }

    func testEveryWidgetSurvivesEveryRect() {
        let rects = [
            Rect(x: 0, y: 0, width: 0, height: 0), Rect(x: 0, y: 0, width: 1, height: 1),
            Rect(x: -5, y: -5, width: 3, height: 3), Rect(x: 2, y: 1, width: -4, height: 7),
            Rect(x: 0, y: 0, width: 30, height: 12), Rect(x: 25, y: 10, width: 40, height: 40),
        ]
        for widget in widgets() {
            for rect in rects {
                var canvas = Canvas(width: 30, height: 12)
                canvas.render(widget, in: rect)
                XCTAssertEqual(canvas.plainText().split(separator: "\n", omittingEmptySubsequences: false).count, 12)
                for mode in ColorMode.allCases { _ = canvas.ansiText(mode: mode) }
            }
            var empty = Canvas(width: 0, height: 0)
            empty.render(widget, in: empty.bounds)
            XCTAssertEqual(empty.plainText(), "")
        }
    }

    func testScalesNeverProduceNaN() {
        for kind in [ScaleKind.linear, .log] {
            for range in [RangeSelection.full, .robust, .percentiles(low: .nan, high: 7), .fixed(lower: .infinity, upper: .nan)] {
                let scale = ColorScale.fitting(weird, kind: kind, range: range)
                for value in weird {
                    if let t = scale.normalized(value) { XCTAssertTrue((0...1).contains(t), "\(kind) \(range) \(value)") }
                }
                XCTAssertTrue(scale.value(at: .nan).isFinite || scale.value(at: .nan).isNaN == false)
            }
        }
        XCTAssertEqual(ColorScale.fitting([]).lower, 0)
        XCTAssertEqual(ColorScale.fitting([.nan]).upper, 1)
    }

    func testViewportSanitisesDegenerateRanges() {
        let viewport = Viewport(xMin: 3, xMax: 3, yMin: .nan, yMax: .nan)
        XCTAssertGreaterThan(viewport.width, 0)
        XCTAssertEqual(viewport.yMin, -1)
        let f = viewport.fractions(x: 3, y: 0)
        XCTAssertEqual(f.x, 0.5, accuracy: 1e-12)
        XCTAssertEqual(viewport.zoomed(by: 0.5).width, viewport.width / 2, accuracy: 1e-12)
        XCTAssertEqual(viewport.zoomed(by: .nan), viewport)
        XCTAssertEqual(Viewport(xMin: 2, xMax: 1, yMin: 0, yMax: 1).xMin, 1)
    }

    func testScalarGridPadsShortInput() {
        let grid = ScalarGrid(columns: 2, rows: 2, values: [1])
        XCTAssertEqual(grid.values.count, 4)
        XCTAssertTrue(grid[1, 1].isNaN)
        XCTAssertTrue(grid[7, -1].isNaN)
        XCTAssertTrue(grid.interpolated(column: 0.5, row: 0).isNaN)
        XCTAssertEqual(ScalarGrid(columns: 2, rows: 1, values: [1, 3]).interpolated(column: 0.5, row: 0), 2)
    }
}
