import Foundation

/// Several series against step, drawn as braille lines with y tick labels on the left, x ticks
/// below and an optional vertical marker at the current step. No legend: the app draws one.
///
/// Non-finite values (and non-positive ones on a log axis) break a line instead of reaching the
/// axis. Each axis labels at least two ticks; a series may end in a marker glyph, and a runaway
/// one is clipped at the top instead of flattening the others. Long series cost O(points + plot width): segments inside one dot column only extend it.
public struct LineChart: Widget {
    /// One line: values every `stepStride` steps starting at `startStep` (a long history may be
    /// thinned), the last one possibly at its own step.
    public struct Series: Sendable {
        /// Values, one per `stepStride` steps.
        public var values: [Double]
        /// Line colour.
        public var color: TerminalColor
        /// Step of `values[0]`.
        public var startStep: Int
        /// Steps between consecutive values.
        public var stepStride: Int
        /// The step of the last value when it is off the stride (the current step).
        public var lastStep: Int?
        /// Drawn at the series' last drawable value, in its colour.
        public var marker: Character?
        /// A runaway series: it does not stretch the y range, and values above it run along the
        /// top edge with a `▲` where the line first leaves the chart.
        public var clipsAtTop: Bool

        /// Creates a series.
        public init(values: [Double], color: TerminalColor, startStep: Int = 0, stepStride: Int = 1, lastStep: Int? = nil,
                    marker: Character? = nil, clipsAtTop: Bool = false) {
            self.values = values
            self.color = color
            self.startStep = startStep
            self.stepStride = max(1, stepStride)
            self.lastStep = lastStep
            self.marker = marker
            self.clipsAtTop = clipsAtTop
        }

        /// The step of `values[offset]`, as a Double so huge steps cannot overflow.
        func step(at offset: Int) -> Double {
            if offset == values.count - 1, let lastStep { return Double(lastStep) }
            return Double(startStep) + Double(offset) * Double(stepStride)
        }
    }

    /// The series, drawn in order.
    public var series: [Series]
    /// Logarithmic y axis.
    public var logY: Bool
    /// Step to mark with a vertical line.
    public var currentStep: Int?
    /// Visible steps; nil spans every series.
    public var xDomain: ClosedRange<Double>?
    /// Visible y range; nil fits the finite data.
    public var yDomain: ClosedRange<Double>?
    /// Style of axes and tick labels.
    public var axisStyle: Style
    /// Colour of the current-step marker.
    public var markerColor: TerminalColor

    /// Creates a chart.
    public init(
        series: [Series], logY: Bool = false, currentStep: Int? = nil,
        xDomain: ClosedRange<Double>? = nil, yDomain: ClosedRange<Double>? = nil,
        axisStyle: Style = .dim, markerColor: TerminalColor = .brightBlack
    ) {
        self.series = series
        self.logY = logY
        self.currentStep = currentStep
        self.xDomain = xDomain
        self.yDomain = yDomain
        self.axisStyle = axisStyle
        self.markerColor = markerColor
    }

    /// Draws axes, ticks, marker and lines into the view.
    public func render(into canvas: inout Canvas) {
        let width = canvas.width, height = canvas.height
        guard width > 0, height > 0 else { return }
        let (xLow, xHigh) = resolvedXDomain()
        let (yLow, yHigh) = resolvedYDomain()
        var yTicks = logY
            ? Ticks.logarithmic(lower: yLow, upper: yHigh, maxCount: max(2, (height - 2) / 2))
            : Ticks.linear(lower: yLow, upper: yHigh, maxCount: max(2, (height - 2) / 2))
        // A narrow range may hold one round tick or none: label its ends instead.
        if yTicks.count < 2 { yTicks = [yLow, yHigh] }
        let labels = yTicks.map(Ticks.label)
        let gutter = (labels.map(TextMetrics.width).max() ?? 0) + 1
        let showAxes = width >= gutter + 8 && height >= 4
        let plot = showAxes
            ? Rect(x: gutter, y: 0, width: width - gutter, height: height - 2)
            : Rect(x: 0, y: 0, width: width, height: height)
        // Halves on the linear axis only when yHigh - yLow overflows (a domain like -1e308...1e308):
        // halving would cost subnormal ranges their last bits.
        let ySpan = yHigh - yLow
        let mapY: (Double) -> Double? = { value in
            guard value.isFinite, !self.logY || value > 0 else { return nil }
            let t = self.logY
                ? (log10(value) - log10(yLow)) / (log10(yHigh) - log10(yLow))
                : ySpan.isFinite ? (value - yLow) / ySpan : (value / 2 - yLow / 2) / (yHigh / 2 - yLow / 2)
            return t.isFinite ? 1 - t : nil
        }
        let mapX: (Double) -> Double = { ($0 - xLow) / (xHigh - xLow) }

        if showAxes {
            drawAxes(into: &canvas, plot: plot, yTicks: yTicks, labels: labels, mapY: mapY, xLow: xLow, xHigh: xHigh, mapX: mapX)
        }
        canvas.region(plot) { area in
            if let step = currentStep {
                let f = mapX(Double(step))
                if f >= 0, f <= 1 {
                    let column = min(area.width - 1, Int(f * Double(area.width)))
                    area.verticalLine(x: column, y: 0, length: area.height, glyph: "┊", style: Style(foreground: markerColor))
                }
            }
            var layer = BrailleLayer(width: area.width, height: area.height)
            var marks: [(x: Int, y: Int, glyph: Character, color: TerminalColor)] = []
            for line in series {
                let clampedY: (Double) -> Double? = { value in
                    guard line.clipsAtTop else { return mapY(value) }
                    // Runaway values (even infinite ones) run along the top edge.
                    if value == .infinity || (value.isFinite && (mapY(value) ?? 1) < 0) { return 0 }
                    return mapY(value)
                }
                let ends = draw(line, into: &layer, mapX: mapX, mapY: clampedY)
                if line.clipsAtTop, let exit = firstExit(line, mapX: mapX, mapY: mapY) {
                    marks.append((cellColumn(exit, area.width), 0, "▲", line.color))
                }
                if let marker = line.marker, let end = ends {
                    marks.append((cellColumn(end.x, area.width), min(area.height - 1, max(0, Int(end.y * Double(area.height)))), marker, line.color))
                }
            }
            layer.composite(onto: &area)
            for mark in marks {
                area[mark.x, mark.y] = Cell(mark.glyph, style: Style(foreground: mark.color, attributes: .bold))
            }
        }
    }

    private func drawAxes(
        into canvas: inout Canvas, plot: Rect, yTicks: [Double], labels: [String],
        mapY: (Double) -> Double?, xLow: Double, xHigh: Double, mapX: (Double) -> Double
    ) {
        let axisColumn = plot.x - 1, axisRow = plot.maxY
        canvas.verticalLine(x: axisColumn, y: 0, length: plot.height, glyph: "│", style: axisStyle)
        canvas.horizontalLine(x: plot.x, y: axisRow, length: plot.width, glyph: "─", style: axisStyle)
        canvas[axisColumn, axisRow] = Cell("└", style: axisStyle)
        for (tick, label) in zip(yTicks, labels) {
            guard let f = mapY(tick) else { continue }
            let row = min(plot.height - 1, max(0, Int(f * Double(plot.height))))
            canvas[axisColumn, row] = Cell("┤", style: axisStyle)
            canvas.write(label, x: axisColumn - TextMetrics.width(label), y: row, style: axisStyle)
        }
        var xTicks = Ticks.linear(lower: xLow, upper: xHigh, maxCount: max(2, plot.width / 8))
            .filter { $0 == $0.rounded() }
        if xTicks.count < 2 { xTicks = [xLow, xHigh] }
        var nextFree = Int.min
        for tick in xTicks {
            let f = mapX(tick)
            guard f >= 0, f <= 1 else { continue }
            let column = plot.x + min(plot.width - 1, Int(f * Double(plot.width)))
            canvas[column, axisRow] = Cell("┬", style: axisStyle)
            let label = Ticks.label(tick)
            let labelWidth = TextMetrics.width(label)
            let start = min(max(column - labelWidth / 2, plot.x - 1), plot.maxX - labelWidth)
            guard start >= nextFree else { continue }
            canvas.write(label, x: start, y: axisRow + 1, style: axisStyle)
            nextFree = start + labelWidth + 1
        }
    }

    private func cellColumn(_ fraction: Double, _ width: Int) -> Int {
        min(width - 1, max(0, Int(fraction * Double(width))))
    }

    /// Where (as a fraction of the width) a series first rises above the chart.
    private func firstExit(_ line: Series, mapX: (Double) -> Double, mapY: (Double) -> Double?) -> Double? {
        for (offset, value) in line.values.enumerated() where value == .infinity || (value.isFinite && (mapY(value) ?? 1) < 0) {
            let fx = mapX(line.step(at: offset))
            if fx.isFinite, fx >= 0, fx <= 1 { return fx }
        }
        return nil
    }

    /// Draws one series; returns its last drawn point as fractions of the plot (x, y).
    @discardableResult
    private func draw(_ line: Series, into layer: inout BrailleLayer, mapX: (Double) -> Double, mapY: (Double) -> Double?) -> (x: Double, y: Double)? {
        var last: (x: Double, y: Double)?
        let dotWidth = Double(layer.dotWidth), dotHeight = Double(layer.dotHeight)
        var budget = 50 * max(1, layer.dotWidth * layer.dotHeight)
        var previous: (x: Double, y: Double)?
        // The y extent already drawn in the current dot column.
        var column = Int.min, spanLow = 0.0, spanHigh = 0.0
        for (offset, value) in line.values.enumerated() {
            let fx = mapX(line.step(at: offset))
            guard let fy = mapY(value), fx.isFinite else {
                previous = nil
                continue
            }
            if fx >= 0, fx <= 1, fy >= 0, fy <= 1 { last = (fx, fy) }
            let point = (x: fx * dotWidth - 0.5, y: fy * dotHeight - 0.5)
            let pointColumn = point.x.isFinite ? Int(point.x.rounded()) : Int.min
            if let start = previous {
                if pointColumn == column {
                    if point.y < spanLow {
                        layer.line(from: (point.x, spanLow), to: point, color: line.color, budget: &budget)
                        spanLow = point.y
                    } else if point.y > spanHigh {
                        layer.line(from: (point.x, spanHigh), to: point, color: line.color, budget: &budget)
                        spanHigh = point.y
                    }
                } else {
                    layer.line(from: start, to: point, color: line.color, budget: &budget)
                    column = pointColumn
                    spanLow = point.y
                    spanHigh = point.y
                }
            } else {
                layer.line(from: point, to: point, color: line.color, budget: &budget)
                column = pointColumn
                spanLow = point.y
                spanHigh = point.y
            }
            previous = point
        }
        return last
    }

    private func resolvedXDomain() -> (Double, Double) {
        if let domain = xDomain, domain.lowerBound.isFinite, domain.upperBound.isFinite, domain.upperBound > domain.lowerBound {
            return (domain.lowerBound, domain.upperBound)
        }
        // Doubles, so a start step near Int.max cannot overflow.
        var low = Double.infinity, high = -Double.infinity
        for line in series where !line.values.isEmpty {
            low = min(low, Double(line.startStep))
            high = max(high, line.step(at: line.values.count - 1))
        }
        guard low <= high else { return (0, 1) }
        return high > low ? (low, high) : (low, low + 1)
    }

    private func resolvedYDomain() -> (Double, Double) {
        if let domain = yDomain, domain.lowerBound.isFinite, domain.upperBound.isFinite,
           domain.upperBound > domain.lowerBound, !logY || domain.lowerBound > 0 {
            return (domain.lowerBound, domain.upperBound)
        }
        var low = Double.infinity, high = -Double.infinity
        // Runaway series are clipped to the range of the others (unless every series runs away).
        let ranged = series.contains { !$0.clipsAtTop } ? series.filter { !$0.clipsAtTop } : series
        for line in ranged {
            for value in line.values where value.isFinite && (!logY || value > 0) {
                low = min(low, value)
                high = max(high, value)
            }
        }
        guard low.isFinite, high.isFinite else { return logY ? (0.1, 10) : (0, 1) }
        if logY {
            if log10(high) > log10(low) { return (low, high) }
            // One value (or two whose logarithms agree): widen by a factor of two each way,
            // staying positive and finite at the ends of the Double range.
            let upper = high * 2
            return (max(low / 2, .leastNonzeroMagnitude), upper.isFinite ? upper : .greatestFiniteMagnitude)
        }
        if high > low, (high - low).isFinite {
            let pad = (high - low) * 0.05
            return (low - pad, high + pad)
        }
        guard high == low else { return (low, high) }
        let pad = max(abs(low) * 0.1, 0.5)
        return (low - pad, high + pad)
    }
}
