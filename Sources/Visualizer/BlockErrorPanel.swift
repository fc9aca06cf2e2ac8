import Objectives
import Rendering

/// Per-block errors of the selected optimizer against step: e_b(t) = 1/2 (x_b - x*_b)^T H_bb
/// (x_b - x*_b), one curve per Hessian block on a log axis shared by every optimizer, so
/// switching optimizers (tab) shows which blocks each one drives down and which it starves.
struct BlockErrorPanel {
    /// Colours of the block curves: distinct from each other, in order of the blocks.
    static let blockColors: [TerminalColor] = [
        .rgb(86, 180, 233), .rgb(230, 159, 0), .rgb(0, 200, 150), .rgb(240, 110, 170), .rgb(200, 200, 90),
        .rgb(170, 140, 255), .rgb(255, 120, 80), .rgb(120, 220, 255),
    ]
    /// Smallest error drawn: as the loss panel, the axis stops where Double rounding takes over.
    static let floor = 1e-16

    var state: AppState

    func render(in rect: Rect, into canvas: inout Canvas) {
        let selected = state.racer(state.selected)
        guard let quadratic = state.scenario.problem.quadraticModel else { return }
        let history = state.timeline.blockErrors
        let title = "error per Hessian block (log) vs step · \(selected.label) · tab: another optimizer"
        let inner = PanelStyle.frame(rect, title: title, into: &canvas)
        guard inner.width > 4, inner.height > 3 else { return }
        guard state.selected < history.count else {
            canvas.render(TextBlock("\(quadratic.blockCount) blocks: too many to draw as curves (at most \(Timeline.maximumErrorBlocks))",
                                    style: PanelStyle.muted), in: inner)
            return
        }
        let blocks = quadratic.blockCount
        // One y range for every visible optimizer, so tabbing between them compares like with like.
        var low = Double.infinity, high = 0.0
        for index in 0..<state.optimizerCount where !state.hidden.contains(index) || index == state.selected {
            for errors in history[index] {
                for e in errors where e.isFinite {
                    low = min(low, max(e, Self.floor))
                    high = max(high, e)
                }
            }
        }
        let domain: ClosedRange<Double>? = low.isFinite && high > low ? low...high : nil
        let stride = state.timeline.historyStride
        let points = history[state.selected]
        let series = (0..<blocks).map { b in
            // Each curve ends in its block's number, so the curves are told apart without colour too.
            LineChart.Series(values: points.map { max($0[b], Self.floor) }, color: color(b),
                             stepStride: stride, lastStep: state.step % stride == 0 ? nil : state.step,
                             marker: Self.noColorGlyphs[b % Self.noColorGlyphs.count])
        }
        let keyRows = min(2, inner.height - 3)
        let chart = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - keyRows)
        canvas.render(LineChart(series: series, logY: true, currentStep: state.step, xDomain: 0...Double(max(10, state.step)),
                                yDomain: domain, axisStyle: PanelStyle.muted, markerColor: .rgb(120, 120, 130)), in: chart)
        writeKey(quadratic, current: points.last ?? [], in: Rect(x: inner.x, y: chart.maxY, width: inner.width, height: keyRows),
                 into: &canvas)
    }

    private func color(_ block: Int) -> TerminalColor {
        state.colorMode.hasColor ? Self.blockColors[block % Self.blockColors.count] : .default
    }

    /// Each block's colour, its eigenvalue range and its error now.
    private func writeKey(_ quadratic: Quadratic, current: [Double], in rect: Rect, into canvas: inout Canvas) {
        var x = rect.x, y = rect.y
        for b in 0..<quadratic.blockCount {
            let (low, high) = Self.eigenvalueRange(quadratic, block: b)
            let error = b < current.count ? Formatting.number(current[b]) : "–"
            let glyph = (state.colorMode.hasColor ? "━" : "") + String(Self.noColorGlyphs[b % Self.noColorGlyphs.count])
            let text = "block \(b + 1) λ \(Formatting.number(low))…\(Formatting.number(high)): \(error)"
            let width = TextMetrics.width(text) + 4
            if x + width > rect.maxX, x > rect.x {
                y += 1
                x = rect.x
                guard y < rect.maxY else { return }
            }
            x = canvas.write(glyph + " ", x: x, y: y, style: Style(foreground: color(b), attributes: .bold), maxWidth: max(0, rect.maxX - x))
            x = canvas.write(text + "  ", x: x, y: y, style: PanelStyle.muted, maxWidth: max(0, rect.maxX - x))
        }
    }

    /// The block numbers that end each curve and lead its entry in the key.
    static let noColorGlyphs: [Character] = ["1", "2", "3", "4", "5", "6", "7", "8", "9"]

    /// The smallest and largest eigenvalue of diagonal block `block`.
    static func eigenvalueRange(_ quadratic: Quadratic, block: Int) -> (Double, Double) {
        let offset = quadratic.blockOffsets[block], size = quadratic.blockSizes[block], n = quadratic.dimension
        var elements = [Double](repeating: 0, count: size * size)
        for i in 0..<size {
            for j in 0..<size { elements[i * size + j] = quadratic.hessianMatrix.elements[(offset + i) * n + offset + j] }
        }
        let values = Matrix(rows: size, columns: size, elements: elements).symmetricEigenvalues()
        return (values.first ?? 0, values.last ?? 0)
    }
}
