import Foundation
import Rendering
import XCTest

/// NaN, infinities and values at the ends of the Double range never reach a colour, an axis, a
/// tick label or a layout computation as "nan" or "inf", and never trap.
final class NonFiniteGuardTests: XCTestCase {
    static let hostile: [Double] = [
        .nan, .infinity, -.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e308, -1e308,
        .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, 0, 1, -1,
    ]

    /// "nan" or "inf" as a word of its own (letters around it are other words).
    static func nonFiniteWord(in text: String) -> String? {
        guard let range = text.range(of: #"(?i)(?<![a-z])(nan|inf)"#, options: .regularExpression) else { return nil }
        return String(text[range])
    }

    func testTickLabelsOfSubnormalsAreNumbers() {
        // Dividing by pow(10, -324), which is 0, printed "infe-323".
        XCTAssertEqual(Ticks.label(.leastNonzeroMagnitude), "4.9e-324")
        XCTAssertEqual(Ticks.label(-.leastNonzeroMagnitude), "-4.9e-324")
        XCTAssertEqual(Ticks.label(Double.leastNormalMagnitude / 100), "2.2e-310")
        XCTAssertEqual(Ticks.label(.greatestFiniteMagnitude), "1.8e308")
        XCTAssertEqual(Ticks.label(9.96e-4), "1e-3")
        XCTAssertEqual(Ticks.label(2.5e6), "2.5e6")
        for value in Self.hostile where value.isFinite {
            XCTAssertNil(Self.nonFiniteWord(in: Ticks.label(value)), "\(value) -> \(Ticks.label(value))")
        }
    }

    func testLinearTicksSpanTheWholeDoubleRange() {
        let ticks = Ticks.linear(lower: -.greatestFiniteMagnitude, upper: .greatestFiniteMagnitude, maxCount: 5)
        XCTAssertFalse(ticks.isEmpty, "the span overflows, the ticks must not vanish")
        XCTAssertTrue(ticks.allSatisfy(\.isFinite))
        XCTAssertLessThanOrEqual(ticks.count, 7)
        XCTAssertTrue(ticks.contains(0))
    }

    func testTicksFromHostileBoundsAreFiniteAndFew() {
        for low in Self.hostile {
            for high in Self.hostile {
                for ticks in [Ticks.linear(lower: low, upper: high, maxCount: 6), Ticks.logarithmic(lower: low, upper: high, maxCount: 6)] {
                    XCTAssertTrue(ticks.allSatisfy(\.isFinite), "\(low) \(high): \(ticks)")
                    XCTAssertLessThanOrEqual(ticks.count, 8, "\(low) \(high)")
                }
            }
        }
    }

    func testColorScaleNormalisesHostileValuesIntoTheUnitRange() {
        for kind in [ScaleKind.linear, .log] {
            for low in Self.hostile {
                for high in Self.hostile {
                    let scale = ColorScale(lower: low, upper: high, kind: kind)
                    XCTAssertTrue(scale.lower.isFinite && scale.upper.isFinite, "\(kind) \(low) \(high)")
                    for value in Self.hostile {
                        guard let t = scale.normalized(value) else {
                            XCTAssertFalse(value.isFinite, "finite \(value) gets a colour")
                            continue
                        }
                        XCTAssertTrue((0...1).contains(t), "\(kind) \(low)...\(high): \(value) -> \(t)")
                    }
                    for t in [0.0, 0.5, 1, .nan, .infinity] {
                        XCTAssertTrue(scale.value(at: t).isFinite, "\(kind) \(low)...\(high) at \(t)")
                    }
                }
            }
        }
    }

    func testLineChartOverTheWholeDoubleRangeDrawsItsLine() {
        // -1e308...1e308 overflowed yHigh - yLow: no ticks, and every point fell off the plot.
        let chart = LineChart(series: [.init(values: [1e308, -1e308, 0], color: .red)])
        let text = rendered(chart, width: 40, height: 12)
        XCTAssertTrue(text.contains("┤"), "y ticks:\n\(text)")
        XCTAssertTrue(text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "the line:\n\(text)")
    }

    func testLogLineChartOfOneHugeValueDrawsIt() {
        // One value of 1e308: the domain widened to 2e308, which is infinity, and nothing was drawn.
        for values in [[1e308], [1e300, 1e300 * (1 + 1e-15)], [Double.leastNormalMagnitude / 1e10]] {
            let text = rendered(LineChart(series: [.init(values: values, color: .red)], logY: true), width: 40, height: 12)
            XCTAssertTrue(text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "\(values):\n\(text)")
            XCTAssertNil(Self.nonFiniteWord(in: text), text)
        }
    }

    func testChartsAndHeatmapsPrintNoNonFiniteWords() {
        let values = Self.hostile
        let widgets: [any Widget] = [
            LineChart(series: [.init(values: values, color: .red)]),
            LineChart(series: [.init(values: values, color: .red)], logY: true),
            LineChart(series: [.init(values: values.reversed(), color: .red, startStep: 7)], logY: true, currentStep: 9),
            BarChart(bars: values.map { .init(label: "b", value: $0) }),
            BarChart(bars: values.map { .init(label: "b", value: $0) }, logScale: true),
            BarChart(bars: values.map { .init(label: "b", value: $0) }, orientation: .vertical, logScale: true),
            HeatmapWidget(grid: ScalarGrid(columns: 13, rows: 1, values: values)),
            HeatmapWidget(grid: ScalarGrid(columns: 13, rows: 1, values: values), kind: .log, range: .full),
            MatrixHeatmap(rows: 3, columns: 3, values: values, blocks: [1, 2]),
            MatrixHeatmap(rows: 13, columns: 13, values: (0..<169).map { values[$0 % values.count] }, blocks: [5, 8], limit: .infinity),
        ]
        for widget in widgets {
            for (width, height) in [(1, 1), (12, 5), (40, 14), (120, 40)] {
                let text = rendered(widget, width: width, height: height)
                XCTAssertNil(Self.nonFiniteWord(in: text), "\(type(of: widget)) \(width)x\(height):\n\(text)")
            }
        }
    }

    func testBarOfANonFiniteValueShowsADash() {
        let text = rendered(BarChart(bars: [.init(label: "a", value: .nan), .init(label: "b", value: .infinity), .init(label: "c", value: 2)]), width: 20, height: 3)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(lines[0].hasSuffix("—"), text)
        XCTAssertTrue(lines[1].hasSuffix("—"), text)
        XCTAssertTrue(lines[2].hasSuffix(" 2") && lines[2].contains("█"), text)
    }

    private func rendered(_ widget: any Widget, width: Int, height: Int) -> String {
        var canvas = Canvas(width: width, height: height)
        canvas.render(widget, in: canvas.bounds)
        return canvas.plainText()
    }
}
