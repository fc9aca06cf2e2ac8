import Foundation
import Rendering
import Scenarios

/// The selected optimizer's preconditioned curvature: the eigenvalues of H and of P^1/2 H P^1/2
/// (P = diag(eta), its step sizes) as density strips on one log axis with its stability threshold
/// marked, and lambda_max of P^1/2 H P^1/2 against step with the threshold line, so the edge of
/// stability is seen being reached.
struct CurvaturePanel {
    var state: AppState
    var monitor: CurvatureMonitor

    /// Heights of a one-row histogram, an eighth of a cell each.
    static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    /// The threshold's colour: a warning, like divergence.
    static let thresholdStyle = PanelStyle.warning

    func render(in rect: Rect, into canvas: inout Canvas) {
        let selected = state.racer(state.selected)
        let inner = PanelStyle.frame(rect, title: "preconditioned curvature P½HP½ · \(selected.label)", into: &canvas)
        guard inner.width > 12, inner.height > 0 else { return }
        guard let result = monitor.result(for: state) else {
            canvas.render(TextBlock("working out the spectrum at step \(state.step)…", style: PanelStyle.muted), in: inner)
            return
        }
        guard state.selected < result.racers.count, let curvature = result.racers[state.selected] else {
            let why = selected.divergedAt.map { "no curvature: diverged at step \($0)" }
                ?? "\(selected.label) has no step sizes before its first update (press n)"
            canvas.render(TextBlock(why, style: PanelStyle.muted), in: inner)
            return
        }
        let color = PanelStyle.color(state.selected, mode: state.colorMode)
        var y = inner.y
        let stale = result.step != state.step ? " (step \(result.step); step \(state.step) is being worked out)" : " at step \(result.step)"
        let kappa = curvature.condition.map { "κ \(Formatting.number($0))" } ?? "κ undefined (λmin ≤ 0)"
        let against = curvature.threshold.isFinite
            ? " = \(Formatting.percent(curvature.thresholdFraction)) of the threshold \(Formatting.number(curvature.threshold))"
            : " · no stability threshold"
        let headline = "\(kappa) · λmax \(Formatting.number(curvature.lambdaMax))\(against)\(stale)"
        canvas.write(headline, x: inner.x, y: y, style: Style(foreground: color, attributes: .bold), maxWidth: inner.width)
        y += 1
        guard y + 2 < inner.maxY else { return }
        y = drawStrips(curvature, color: color, x: inner.x, y: y, width: inner.width, into: &canvas)
        let chart = Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y)
        if chart.height >= 4 { drawSharpness(color: color, in: chart, into: &canvas) }
    }

    /// The two spectra as one-row histograms over a shared log axis, the threshold marked, the
    /// axis labelled; returns the row below.
    private func drawStrips(_ curvature: PreconditionedCurvature, color: TerminalColor, x: Int, y: Int, width: Int,
                            into canvas: inout Canvas) -> Int {
        let labelWidth = 7, countWidth = 7
        let axis = (x: x + labelWidth, width: width - labelWidth - countWidth)
        let positive = (curvature.eigenvalues + curvature.hessianEigenvalues).filter { $0 > 0 && $0.isFinite }
        // An infinite threshold (sign-based steps) has no place on the axis.
        let threshold = curvature.threshold.isFinite ? curvature.threshold : nil
        var low = positive.min() ?? 1e-3, high = max(positive.max() ?? 1, threshold ?? 0)
        low = min(low, threshold ?? low)
        if high / low < 100 { low /= 3; high *= 3 } else { low /= 1.3; high *= 1.3 }
        func column(_ value: Double) -> Int? {
            guard value > 0, value.isFinite else { return nil }
            let t = (log10(value) - log10(low)) / (log10(high) - log10(low))
            return min(axis.width - 1, max(0, Int(t * Double(axis.width))))
        }
        let rows: [(String, [Double], TerminalColor)] = [
            ("H", curvature.hessianEigenvalues, PanelStyle.muted.foreground),
            ("P½HP½", curvature.eigenvalues, color),
        ]
        for (offset, (label, values, rowColor)) in rows.enumerated() {
            var counts = [Int](repeating: 0, count: max(1, axis.width))
            var nonPositive = 0
            for value in values {
                if let c = column(value) { counts[c] += 1 } else { nonPositive += 1 }
            }
            let peak = max(1, counts.max() ?? 1)
            canvas.write(label, x: x, y: y + offset, style: PanelStyle.muted)
            for (c, count) in counts.enumerated() where count > 0 {
                let level = min(Self.bars.count - 1, (count * Self.bars.count - 1) / peak)
                canvas[axis.x + c, y + offset] = Cell(Self.bars[level], foreground: rowColor)
            }
            if nonPositive > 0 {
                canvas.write(" \(nonPositive) ≤ 0", x: axis.x + axis.width, y: y + offset, style: Self.thresholdStyle,
                             maxWidth: countWidth)
            }
        }
        if let c = column(curvature.threshold) {
            canvas[axis.x + c, y + 1] = Cell("┃", style: Self.thresholdStyle)
        }
        // Decade ticks under the strips, and the threshold's value where it is not crowded.
        var nextFree = axis.x
        let ticks = Ticks.logarithmic(lower: low, upper: high, maxCount: max(2, axis.width / 8))
        for tick in ticks {
            guard let c = column(tick) else { continue }
            let label = Ticks.label(tick)
            let start = axis.x + c - TextMetrics.width(label) / 2
            guard start >= nextFree, start + TextMetrics.width(label) <= axis.x + axis.width else { continue }
            canvas[axis.x + c, y + 2] = Cell("╵", style: PanelStyle.muted)
            nextFree = canvas.write(label, x: start, y: y + 2, style: PanelStyle.muted) + 1
        }
        if let c = column(curvature.threshold) {
            let text = "┃ threshold \(Formatting.number(curvature.threshold))"
            let start = min(axis.x + c, axis.x + axis.width - TextMetrics.width(text))
            canvas.write(text, x: max(axis.x, start), y: y + 3, style: Self.thresholdStyle)
        }
        return y + 4
    }

    /// lambda_max against step from the steps analysed so far, with the threshold as a line.
    private func drawSharpness(color: TerminalColor, in rect: Rect, into canvas: inout Canvas) {
        let points = monitor.sharpness(racer: state.selected, in: state)
        guard let last = points.last else { return }
        let steps = max(10, state.step)
        // Resample onto a regular grid of steps (the newest analysis at or before each), as the
        // chart draws series at a fixed stride.
        let stride = max(1, steps / max(1, rect.width * 2))
        var values: [Double] = [], thresholds: [Double] = []
        var cursor = 0
        var step = 0
        while step <= min(state.step, last.step) {
            while cursor + 1 < points.count, points[cursor + 1].step <= step { cursor += 1 }
            let point = points[cursor]
            values.append(point.step <= step ? point.lambdaMax : .nan)
            thresholds.append(point.threshold)
            step += stride
        }
        let threshold = LineChart.Series(values: thresholds, color: Self.thresholdStyle.foreground, stepStride: stride)
        let sharpness = LineChart.Series(values: values, color: color, stepStride: stride)
        canvas.write("λmax(P½HP½) vs step, log · ━ threshold", x: rect.x, y: rect.y, style: PanelStyle.muted, maxWidth: rect.width)
        let finite = (values + thresholds).filter { $0.isFinite && $0 > 0 }
        let domain = finite.isEmpty ? nil : (finite.min()! / 2)...(finite.max()! * 2)
        canvas.render(LineChart(series: [threshold, sharpness], logY: true, currentStep: state.step,
                                xDomain: 0...Double(steps), yDomain: domain, axisStyle: PanelStyle.muted,
                                markerColor: .rgb(120, 120, 130)),
                      in: Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1))
    }
}
