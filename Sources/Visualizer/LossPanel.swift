import Rendering

/// Loss against step, one curve per visible optimizer, log scale, current step marked. For a
/// network, the batch losses smoothed with an exponential moving average (batches differ, so the
/// raw curve is mostly noise).
///
/// The selected optimizer's curve is bright and drawn last, the others dimmed; each ends in its
/// marker. A diverging optimizer's curve does not set the y range: it is clipped at the top with
/// a mark, so the others keep their resolution.
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
        // The selected curve last, so it is on top.
        let order = visible.filter { $0 != state.selected } + visible.filter { $0 == state.selected }
        let series = order.map { index in
            var values = minimum.map { m in losses[index].map { max($0 - m, floor) } } ?? losses[index]
            if trainsNetwork { values = Self.smoothed(values) }
            let stride = state.timeline.historyStride
            let color = PanelStyle.color(index, mode: state.colorMode)
            return LineChart.Series(values: values, color: index == state.selected || visible.count == 1 ? color : Self.dimmed(color),
                                    stepStride: stride, lastStep: state.step % stride == 0 ? nil : state.step,
                                    marker: PanelStyle.marker(index), clipsAtTop: state.divergenceStatus(index).isRunningAway)
        }
        let steps = max(10, state.step)
        canvas.render(LineChart(series: series, logY: allPositive, currentStep: state.step,
                                xDomain: 0...Double(steps), axisStyle: PanelStyle.muted,
                                markerColor: .rgb(120, 120, 130)), in: inner)
    }

    /// A colour at two thirds of its brightness, for the curves of the optimizers not selected.
    static func dimmed(_ color: TerminalColor) -> TerminalColor {
        guard let (r, g, b) = color.rgbComponents else { return color }
        return .rgb(UInt8(Int(r) * 2 / 3), UInt8(Int(g) * 2 / 3), UInt8(Int(b) * 2 / 3))
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
