import Rendering

/// Loss against step, one curve per visible optimizer, log scale, current step marked. For a
/// network, the batch losses smoothed with an exponential moving average (batches differ, so the
/// raw curve is mostly noise).
struct LossPanel {
    /// Weight of the past in the moving average of a network's batch losses.
    static let smoothing = 0.9

    var state: AppState

    func render(in rect: Rect, into canvas: inout Canvas) {
        let minimum = state.timeline.race.objective?.minimumValue
        let trainsNetwork = state.plane == nil
        let losses = state.timeline.losses
        let visible = (0..<state.optimizerCount).filter { !state.hidden.contains($0) }
        // Without a known minimum the loss may be negative; then a log axis would hide it.
        let allPositive = minimum != nil || visible.allSatisfy { losses[$0].allSatisfy { !$0.isFinite || $0 > 0 } }
        let name = trainsNetwork ? "training loss (batch mean, smoothed)" : minimum == nil ? "loss" : "loss − f*"
        let title = name + (allPositive ? " (log)" : "") + " vs step"
        let inner = PanelStyle.frame(rect, title: title, into: &canvas)
        guard inner.width > 0, inner.height > 0 else { return }
        let floor = 1e-16
        let series = visible.map { index in
            var values = minimum.map { m in losses[index].map { max($0 - m, floor) } } ?? losses[index]
            if trainsNetwork { values = Self.smoothed(values) }
            let stride = state.timeline.historyStride
            return LineChart.Series(values: values, color: PanelStyle.color(index, mode: state.colorMode), stepStride: stride,
                                    lastStep: state.step % stride == 0 ? nil : state.step)
        }
        let steps = max(10, state.step)
        canvas.render(LineChart(series: series, logY: allPositive, currentStep: state.step,
                                xDomain: 0...Double(steps), axisStyle: PanelStyle.muted,
                                markerColor: .rgb(120, 120, 130)), in: inner)
    }

    /// The exponential moving average, bias-corrected so early steps are not pulled to zero;
    /// a non-finite loss (divergence) is kept as it is.
    static func smoothed(_ values: [Double]) -> [Double] {
        var average = 0.0, weight = 0.0
        return values.map { x in
            guard x.isFinite else { return x }
            average = smoothing * average + (1 - smoothing) * x
            weight = smoothing * weight + (1 - smoothing)
            return average / weight
        }
    }
}
