import OptimizerCore
import Rendering

/// The selected optimizer's effective step sizes, one bar per block or coordinate, and how many
/// distinct learning rates it keeps for how many parameters: Adam n, Adam-mini one per block.
struct StepSizePanel {
    /// Optimizers whose step sizes come from gradient statistics.
    static let adaptiveKinds: Set<OptimizerKind> = [.adagrad, .rmsprop, .adam, .adamw, .adamMini]

    var state: AppState

    func render(in rect: Rect, into canvas: inout Canvas) {
        let racer = state.racer(state.selected)
        let report = racer.stepSizes
        let title = "step sizes · \(racer.label)"
        let inner = PanelStyle.frame(rect, title: title, into: &canvas)
        guard inner.width > 0, inner.height > 0 else { return }
        let color = PanelStyle.color(state.selected, mode: state.colorMode)
        let rates = report.distinctLearningRates, parameters = report.parameterCount
        let headline = "\(rates) learning rate\(rates == 1 ? "" : "s") for \(parameters) parameter\(parameters == 1 ? "" : "s")"
        var x = canvas.write(headline, x: inner.x, y: inner.y, style: Style(foreground: color, attributes: .bold), maxWidth: inner.width)
        x = canvas.write(racer.stateElementCount == 0 ? "  no state" : "  state: \(racer.stateElementCount) numbers", x: x, y: inner.y, style: PanelStyle.muted,
                         maxWidth: max(0, inner.maxX - x))
        let body = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        guard body.height > 0 else { return }
        if state.step == 0, Self.adaptiveKinds.contains(racer.configuration.kind) {
            // With no gradient seen yet the second moments are zero: lr / eps says nothing.
            canvas.render(TextBlock("adaptive step sizes appear after the first update (press n)", style: PanelStyle.muted), in: body)
            return
        }
        if report.stepSizes.count <= body.height {
            let bars = report.stepSizes.indices.map { group in
                BarChart.Bar(label: label(group: group, report: report), value: report.stepSizes[group], color: color)
            }
            canvas.render(BarChart(bars: bars, orientation: .horizontal, logScale: true, textStyle: PanelStyle.muted), in: body)
        } else {
            renderProfile(report, color: color, in: body, into: &canvas)
        }
    }

    /// A name for group `group`: x / y on a surface, a coordinate or a coordinate range otherwise.
    private func label(group: Int, report: StepSizeReport) -> String {
        let start = report.groupSizes[..<group].reduce(0, +)
        let size = report.groupSizes[group]
        if state.plane?.isProjection ?? true {
            return size == 1 ? "x\(start)" : "x\(start)…x\(start + size - 1)"
        }
        let names = ["x", "y"]
        if size == 1, start < names.count { return names[start] }
        return size == 2 && start == 0 ? "x,y" : "x\(start)…x\(start + size - 1)"
    }

    /// Per-coordinate step sizes as vertical bars, several coordinates per column when they do not
    /// fit (each column shows the largest step among its coordinates), log scale.
    private func renderProfile(_ report: StepSizeReport, color: TerminalColor, in rect: Rect, into canvas: inout Canvas) {
        var perCoordinate: [Double] = []
        perCoordinate.reserveCapacity(report.parameterCount)
        for (size, value) in zip(report.groupSizes, report.stepSizes) {
            perCoordinate.append(contentsOf: repeatElement(value, count: size))
        }
        let chartRect = Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - 1)
        let columns = max(1, min(chartRect.width, perCoordinate.count))
        var bars: [BarChart.Bar] = []
        for column in 0..<columns {
            let lower = column * perCoordinate.count / columns
            let upper = max(lower + 1, (column + 1) * perCoordinate.count / columns)
            let value = perCoordinate[lower..<upper].filter(\.isFinite).max() ?? .nan
            bars.append(BarChart.Bar(label: "", value: value, color: color))
        }
        let finite = perCoordinate.filter { $0.isFinite && $0 > 0 }
        canvas.render(BarChart(bars: bars, orientation: .vertical, logScale: true), in: chartRect)
        let low = finite.min().map(Formatting.number) ?? "–", high = finite.max().map(Formatting.number) ?? "–"
        canvas.write("x0 … x\(perCoordinate.count - 1)   log scale, min \(low) max \(high)", x: rect.x, y: rect.maxY - 1,
                     style: PanelStyle.muted, maxWidth: rect.width)
    }
}
