import Rendering

/// Loss against step, one curve per visible optimizer, log scale, current step marked.
struct LossPanel {
    var state: AppState

    func render(in rect: Rect, into canvas: inout Canvas) {
        let minimum = state.timeline.race.objective.minimumValue
        let losses = state.timeline.losses
        let visible = (0..<state.optimizerCount).filter { !state.hidden.contains($0) }
        // Without a known minimum the loss may be negative; then a log axis would hide it.
        let allPositive = minimum != nil || visible.allSatisfy { losses[$0].allSatisfy { !$0.isFinite || $0 > 0 } }
        let title = (minimum == nil ? "loss" : "loss − f*") + (allPositive ? " (log)" : "") + " vs step"
        let inner = PanelStyle.frame(rect, title: title, into: &canvas)
        guard inner.width > 0, inner.height > 0 else { return }
        let floor = 1e-16
        let series = visible.map { index in
            let values = minimum.map { m in losses[index].map { max($0 - m, floor) } } ?? losses[index]
            return LineChart.Series(values: values, color: PanelStyle.color(index, mode: state.colorMode))
        }
        let steps = max(10, state.step)
        canvas.render(LineChart(series: series, logY: allPositive, currentStep: state.step,
                                xDomain: 0...Double(steps), axisStyle: PanelStyle.muted,
                                markerColor: .rgb(120, 120, 130)), in: inner)
    }
}
