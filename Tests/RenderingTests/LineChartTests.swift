import XCTest
import Foundation
import Rendering

final class LineChartTests: XCTestCase {
    func testStraightLineWithTicksAndCurrentStepMarker() {
        let chart = LineChart(
            series: [.init(values: [0, 1, 2, 3, 4, 5, 6, 7, 8], color: .red)], currentStep: 4, yDomain: 0...8)
        XCTAssertEqual(rendered(chart, width: 16, height: 6), """
         │       ┊   ⣀⠔⠊
        5┤       ⢀⡠⠒⠉
         │    ⣀⠔⠊⠁
        0┤⣀⠤⠒⠉   ┊
         └┬───────┬─────
          0       5
        """)
    }

    func testLogAxisTicksArePowersOfTen() {
        let chart = LineChart(series: [.init(values: [1000, 100, 10, 1, 0.1], color: .red)], logY: true)
        XCTAssertEqual(rendered(chart, width: 24, height: 8), """
        1000┤⠑⠢⣀
            │   ⠑⠢⣀
            │      ⠉⠢⢄⡀
          10┤         ⠈⠒⢄⡀
            │            ⠈⠒⢄⡀
         0.1┤               ⠈⠑⠢⢄
            └┬────────┬────────┬
             0        2        4
        """)
    }

    func testNaNAndNonPositiveValuesBreakTheLineOnALogAxis() {
        let values: [Double] = [10, .nan, 10, -5, 0, .infinity, 10]
        let canvas = canvas(LineChart(series: [.init(values: values, color: .red)], logY: true), width: 20, height: 6)
        let text = canvas.plainText()
        XCTAssertFalse(text.contains("nan"))
        XCTAssertFalse(text.contains("inf"))
        XCTAssertTrue(canvas.cells.contains { $0.scalar.value > 0x2800 && $0.scalar.value <= 0x28FF })
    }

    func testSeriesColoursAndStartStep() {
        let chart = LineChart(series: [
            .init(values: [1, 1, 1, 1], color: .red),
            .init(values: [2, 2], color: .blue, startStep: 2),
        ], yDomain: 0...3)
        let canvas = canvas(chart, width: 12, height: 6)
        let colours = Set(canvas.cells.filter { $0.scalar.value > 0x2800 && $0.scalar.value <= 0x28FF }.map(\.foreground))
        XCTAssertEqual(colours, [.red, .blue])
    }

    func testLongSeriesStaysCheapAndFillsTheColumns() {
        let values = (0..<200_000).map { sin(Double($0) / 1000) + 2 }
        let start = Date()
        let canvas = canvas(LineChart(series: [.init(values: values, color: .green)]), width: 60, height: 12)
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
        let gutter = 4  // "2.5" plus the axis
        for x in gutter..<canvas.width {
            let hasLine = (0..<10).contains { y in (0x2801...0x28FF).contains(canvas[x, y].scalar.value) }
            XCTAssertTrue(hasLine, "column \(x) is empty:\n\(canvas.plainText())")
        }
    }

    func testTinyAreasDropTheAxes() {
        let chart = LineChart(series: [.init(values: [0, 1], color: .red)])
        XCTAssertEqual(rendered(chart, width: 2, height: 1), "⡠⠊")
    }

    func testTickLabels() {
        XCTAssertEqual(Ticks.label(0), "0")
        XCTAssertEqual(Ticks.label(0.25), "0.25")
        XCTAssertEqual(Ticks.label(1500), "1500")
        XCTAssertEqual(Ticks.label(1e-4), "1e-4")
        XCTAssertEqual(Ticks.label(2.5e6), "2.5e6")
        XCTAssertEqual(Ticks.label(-3), "-3")
        XCTAssertEqual(Ticks.label(.nan), "nan")
        XCTAssertEqual(Ticks.linear(lower: 0, upper: 10, maxCount: 5), [0, 2, 4, 6, 8, 10])
        XCTAssertEqual(Ticks.logarithmic(lower: 0.01, upper: 100, maxCount: 5), [0.01, 0.1, 1, 10, 100])
        XCTAssertEqual(Ticks.linear(lower: .nan, upper: 1, maxCount: 5), [])
    }
}
