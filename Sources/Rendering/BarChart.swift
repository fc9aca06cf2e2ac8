import Foundation

/// Labelled bars, horizontal (one per row) or vertical (one per column group), linear or log.
///
/// Bars grow from zero (linear) or from the decade below the smallest positive value (log), with
/// eighth-block glyphs for sub-cell precision. Non-finite and out-of-scale values get no bar.
public struct BarChart: Widget {
    /// One bar.
    public struct Bar: Sendable {
        /// Label shown beside (horizontal) or below (vertical) the bar.
        public var label: String
        /// The value.
        public var value: Double
        /// Bar colour.
        public var color: TerminalColor

        /// Creates a bar.
        public init(label: String, value: Double, color: TerminalColor = .default) {
            self.label = label
            self.value = value
            self.color = color
        }
    }

    /// Bar direction.
    public enum Orientation: Sendable {
        /// Bars grow to the right, one per row, value printed after the bar.
        case horizontal
        /// Bars grow upwards, labels below.
        case vertical
    }

    /// The bars in order.
    public var bars: [Bar]
    /// Direction.
    public var orientation: Orientation
    /// Logarithmic lengths.
    public var logScale: Bool
    /// Value shown at full length; nil uses the largest value.
    public var maximum: Double?
    /// Style of labels and values.
    public var textStyle: Style

    /// Creates a bar chart.
    public init(bars: [Bar], orientation: Orientation = .horizontal, logScale: Bool = false, maximum: Double? = nil, textStyle: Style = .plain) {
        self.bars = bars
        self.orientation = orientation
        self.logScale = logScale
        self.maximum = maximum
        self.textStyle = textStyle
    }

    static let horizontalEighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
    static let verticalEighths: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// Draws the bars into the view.
    public func render(into canvas: inout Canvas) {
        guard canvas.width > 0, canvas.height > 0, !bars.isEmpty else { return }
        switch orientation {
        case .horizontal: renderHorizontal(into: &canvas)
        case .vertical: renderVertical(into: &canvas)
        }
    }

    /// Fraction 0...1 of full length for a value, nil when it has no bar.
    func fraction(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        let finite = bars.map(\.value).filter { $0.isFinite && (!logScale || $0 > 0) }
        let top = maximum.flatMap { $0.isFinite && $0 > 0 ? $0 : nil } ?? finite.max() ?? 0
        guard top > 0 else { return nil }
        if logScale {
            guard value > 0, let smallest = finite.min() else { return nil }
            // The decade strictly below the smallest value, so it still gets a visible bar.
            let base = floor(log10(smallest) - 1e-9)
            let span = log10(top) - base
            guard span > 0 else { return 1 }
            return min(1, max(0, (log10(value) - base) / span))
        }
        return min(1, max(0, value / top))
    }

    private func renderHorizontal(into canvas: inout Canvas) {
        let labelWidth = min(bars.map { TextMetrics.width($0.label) }.max() ?? 0, canvas.width / 3)
        // A non-finite value has no bar and no number: "—" instead of "nan" or "inf".
        let valueTexts = bars.map { $0.value.isFinite ? Ticks.label($0.value) : "—" }
        let valueWidth = min(valueTexts.map(TextMetrics.width).max() ?? 0, canvas.width / 3)
        let barWidth = canvas.width - labelWidth - valueWidth - 2
        for (row, bar) in bars.enumerated() where row < canvas.height {
            canvas.write(TextMetrics.pad(bar.label, to: labelWidth), x: 0, y: row, style: textStyle)
            var end = labelWidth + 1
            if barWidth > 0, let f = fraction(bar.value) {
                let eighths = Int((f * Double(barWidth * 8)).rounded())
                let full = eighths / 8, rest = eighths % 8
                let style = Style(foreground: bar.color)
                canvas.horizontalLine(x: end, y: row, length: full, glyph: "█", style: style)
                if rest > 0 { canvas[end + full, row] = Cell(BarChart.horizontalEighths[rest - 1], style: style) }
                end += full + (rest > 0 ? 1 : 0)
            }
            canvas.write(valueTexts[row], x: end + 1, y: row, style: textStyle, maxWidth: max(0, canvas.width - end - 1))
        }
    }

    private func renderVertical(into canvas: inout Canvas) {
        let count = bars.count
        let slot = max(1, canvas.width / count)
        let barWidth = max(1, slot - 1)
        let chartHeight = canvas.height - 1
        for (index, bar) in bars.enumerated() {
            let x = index * slot
            guard x < canvas.width else { break }
            if chartHeight > 0, let f = fraction(bar.value) {
                let eighths = Int((f * Double(chartHeight * 8)).rounded())
                let full = eighths / 8, rest = eighths % 8
                let style = Style(foreground: bar.color)
                for level in 0..<full {
                    canvas.horizontalLine(x: x, y: chartHeight - 1 - level, length: barWidth, glyph: "█", style: style)
                }
                if rest > 0 {
                    canvas.horizontalLine(x: x, y: chartHeight - 1 - full, length: barWidth, glyph: BarChart.verticalEighths[rest - 1], style: style)
                }
            }
            canvas.write(bar.label, x: x, y: canvas.height - 1, style: textStyle, maxWidth: barWidth)
        }
    }
}
