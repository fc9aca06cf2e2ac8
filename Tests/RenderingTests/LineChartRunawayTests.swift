import XCTest
import Rendering

/// A runaway series is clipped at the top instead of flattening the others; series end in their
/// markers; every axis labels at least two ticks.
final class LineChartRunawayTests: XCTestCase {
    func testARunawaySeriesDoesNotSetTheRange() {
        let steady = LineChart.Series(values: [1, 0.5, 0.25, 0.125], color: .red, marker: "●")
        let runaway = LineChart.Series(values: [1, 1e50, 1e100, 1e194], color: .blue, marker: "▲", clipsAtTop: true)
        let text = rendered(LineChart(series: [steady, runaway], logY: true), width: 24, height: 8)
        // The y labels come from the steady series (0.125 to 1), not up to 1e194.
        XCTAssertFalse(text.contains("e+"), text)
        XCTAssertFalse(text.contains("1e194"), text)
        let rows = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The runaway runs along the top row with a mark where it leaves.
        XCTAssertTrue(rows[0].contains("▲"), text)
        // The steady series ends in its marker.
        XCTAssertTrue(text.contains("●"), text)
    }

    func testAllRunawaySeriesStillGetARange() {
        let runaway = LineChart.Series(values: [1, 10, 100, .infinity], color: .blue, clipsAtTop: true)
        let text = rendered(LineChart(series: [runaway], logY: true), width: 24, height: 8)
        XCTAssertTrue(text.contains("100"), text)
    }

    func testANarrowRangeStillHasTwoLabelledTicksPerAxis() {
        let chart = LineChart(series: [.init(values: [2.0, 2.5, 3.0], color: .red)], logY: true, xDomain: 0...2)
        let rows = rendered(chart, width: 30, height: 8).split(separator: "\n").map(String.init)
        let yLabels = rows.dropLast(2).filter { $0.contains("┤") }
        XCTAssertGreaterThanOrEqual(yLabels.count, 2, rows.joined(separator: "\n"))
        let xLabels = rows.last!.split(separator: " ")
        XCTAssertGreaterThanOrEqual(xLabels.count, 2, rows.joined(separator: "\n"))
    }
}
