import Foundation
import OptimizerCore
import Rendering

/// Every visible optimizer's step sizes on one log axis over the parameter index: the selected
/// one's per-coordinate eta as points, the others as lines (a step function where rates are kept
/// per block, flat for GD, block-GD's scale / lambda_max(H_b) as a dashed band behind; points for
/// another optimizer with a rate per coordinate), block or tensor boundaries marked. On the Adam-mini toy, Adam's 90 rates scatter around Adam-mini's 3, which
/// track block-GD's ideal.
struct StepSizePanel {
    var state: AppState

    func render(in rect: Rect, into canvas: inout Canvas) {
        let inner = PanelStyle.frame(rect, title: "learning rates, one log axis · selected as points, others as lines", into: &canvas)
        guard inner.width > 10, inner.height > 3 else { return }
        let visible = (0..<state.optimizerCount).filter { !state.hidden.contains($0) || $0 == state.selected }
        var rates: [Int: [Double]] = [:]
        var pending: [String] = []
        for index in visible {
            let racer = state.racer(index)
            guard let report = racer.effectiveStepSizes else {
                pending.append(racer.label)
                continue
            }
            rates[index] = report.perCoordinate
        }
        writeHeadline(visible: visible, in: Rect(x: inner.x, y: inner.y, width: inner.width, height: 1), into: &canvas)
        let segments = state.parameterSegments
        let body = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 2)
        var values: [Double] = []
        for list in rates.values { values.append(contentsOf: list.filter { $0.isFinite && $0 > 0 }) }
        guard let low = values.min(), let high = values.max(), body.height > 1 else {
            let why = pending.isEmpty ? "no finite step sizes" : "\(pending.joined(separator: ", ")): adaptive step sizes appear after the first update (press n)"
            canvas.render(TextBlock(why, style: PanelStyle.muted), in: body)
            return
        }
        // A decade of room each way keeps flat lines off the frame; log axis from low to high.
        let lower = high / low < 10 ? low / 3 : low / 1.5, upper = high / low < 10 ? high * 3 : high * 1.5
        let ticks = Ticks.logarithmic(lower: lower, upper: upper, maxCount: max(2, body.height / 2))
        let labels = ticks.map(Ticks.label)
        let gutter = (labels.map(TextMetrics.width).max() ?? 0) + 1
        let plot = Rect(x: body.x + gutter, y: body.y, width: body.width - gutter, height: body.height)
        guard plot.width > 2 else { return }
        let n = max(1, segments.reduce(0) { $0 + $1.size })
        func dotY(_ value: Double) -> Double {
            let t = (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
            return (1 - t) * Double(plot.height * 4) - 0.5
        }
        func dotX(_ coordinate: Double) -> Double { coordinate / Double(n) * Double(plot.width * 2) }
        // Axis and ticks.
        for (tick, label) in zip(ticks, labels) {
            let row = plot.y + min(plot.height - 1, max(0, Int(dotY(tick) / 4)))
            canvas.write(label, x: plot.x - 1 - TextMetrics.width(label), y: row, style: PanelStyle.muted)
            canvas[plot.x - 1, row] = Cell("┤", style: PanelStyle.muted)
        }
        // Segment boundaries, then the lines and points over them.
        var start = 0
        for segment in segments.dropLast() {
            start += segment.size
            let column = plot.x + min(plot.width - 1, Int(dotX(Double(start)) / 2))
            canvas.verticalLine(x: column, y: plot.y, length: plot.height, glyph: "┊", style: PanelStyle.border)
        }
        var layer = BrailleLayer(width: plot.width, height: plot.height)
        var budget = 40 * plot.width * plot.height
        // A braille cell has one colour, so what is drawn last wins a shared cell: block-GD's
        // dashed ideal first, then other optimizers that keep a rate per coordinate as points (a
        // line through 90 unrelated rates would be a zigzag over everything), then the per-block
        // step functions, then the selected optimizer's points.
        let others = visible.filter { $0 != state.selected && rates[$0] != nil }
        let perCoordinate = others.filter { state.racer($0).stepSizes.distinctLearningRates == n && n > 1 }
        let references = others.filter { state.racer($0).configuration.kind.needsHessian }
        for index in perCoordinate where !references.contains(index) {
            let color = PanelStyle.color(index, mode: state.colorMode)
            for (i, value) in rates[index]!.enumerated() where value.isFinite && value > 0 {
                layer.setDot(x: Int(dotX(Double(i) + 0.5)), y: Int(dotY(value).rounded()), color: color)
            }
        }
        for index in others where !perCoordinate.contains(index) && !references.contains(index) {
            drawLine(rates[index]!, color: PanelStyle.color(index, mode: state.colorMode), dashed: false, dotX: dotX, dotY: dotY,
                     into: &layer, budget: &budget)
        }
        if let list = rates[state.selected] {
            let color = PanelStyle.color(state.selected, mode: state.colorMode)
            for (i, value) in list.enumerated() where value.isFinite && value > 0 {
                layer.setDot(x: Int(dotX(Double(i) + 0.5)), y: Int(dotY(value).rounded()), color: color)
            }
        }
        canvas.region(plot) { area in
            layer.composite(onto: &area)
            // Block-GD's ideal rates as a band behind the cells their value falls in: an optimizer
            // that tracks them (Adam-mini) shares those cells, and both stay visible.
            for index in references {
                let color = PanelStyle.color(index, mode: state.colorMode)
                for (i, value) in rates[index]!.enumerated() where value.isFinite && value > 0 {
                    let x = Int(dotX(Double(i) + 0.5)) / 2, y = Int(dotY(value).rounded()) / 4
                    area.modify(x: x, y: y) { cell in
                        if cell.scalar == " " {
                            cell.glyph = "╌"
                            cell.foreground = color
                        } else if state.colorMode.hasColor {
                            cell.background = PanelStyle.faded(color)
                        }
                    }
                }
            }
        }
        writeSegmentNames(segments, plot: plot, y: body.maxY, dotX: dotX, into: &canvas)
    }

    /// How many rates each visible optimizer keeps, in its colour: "90 against 3" at a glance.
    private func writeHeadline(visible: [Int], in row: Rect, into canvas: inout Canvas) {
        var x = row.x
        for index in visible {
            let racer = state.racer(index)
            let count = racer.stepSizes.distinctLearningRates
            let style = Style(foreground: PanelStyle.color(index, mode: state.colorMode), attributes: index == state.selected ? .bold : [])
            let text = "\(PanelStyle.marker(index)) \(TextMetrics.truncate(racer.label, to: 14)) \(count)  "
            guard x + TextMetrics.width(text) <= row.maxX else { break }
            x = canvas.write(text, x: x, y: row.y, style: style)
        }
        let parameters = state.racer(state.selected).stepSizes.parameterCount
        _ = canvas.write("rates for \(parameters) parameters", x: x, y: row.y, style: PanelStyle.muted, maxWidth: max(0, row.maxX - x))
    }

    /// A line through per-coordinate rates: flat across a block of equal rates, a jump between.
    private func drawLine(_ values: [Double], color: TerminalColor, dashed: Bool, dotX: (Double) -> Double,
                          dotY: (Double) -> Double, into layer: inout BrailleLayer, budget: inout Int) {
        var previous: (x: Double, y: Double)?
        for (i, value) in values.enumerated() {
            guard value.isFinite, value > 0 else {
                previous = nil
                continue
            }
            let left = (x: dotX(Double(i)), y: dotY(value)), right = (x: dotX(Double(i + 1)) - 0.01, y: dotY(value))
            if let previous { segment(previous, left, color: color, dashed: dashed, into: &layer, budget: &budget) }
            segment(left, right, color: color, dashed: dashed, into: &layer, budget: &budget)
            previous = right
        }
    }

    private func segment(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double), color: TerminalColor, dashed: Bool,
                         into layer: inout BrailleLayer, budget: inout Int) {
        guard dashed else {
            layer.line(from: a, to: b, color: color, budget: &budget)
            return
        }
        // Dashes of two dots every four along x; vertical jumps stay solid so the steps read.
        if abs(b.x - a.x) < 1 {
            layer.line(from: a, to: b, color: color, budget: &budget)
            return
        }
        var x = a.x.rounded(.down)
        while x <= b.x {
            if Int(x) % 4 < 2 { layer.setDot(x: Int(x), y: Int(a.y.rounded()), color: color) }
            x += 1
        }
    }

    /// The block or tensor names under the axis, centred on their stretch where they fit.
    private func writeSegmentNames(_ segments: [ParameterSegment], plot: Rect, y: Int, dotX: (Double) -> Double,
                                   into canvas: inout Canvas) {
        var start = 0, nextFree = plot.x
        for segment in segments {
            let left = plot.x + Int(dotX(Double(start)) / 2), right = plot.x + Int(dotX(Double(start + segment.size)) / 2)
            start += segment.size
            let name = TextMetrics.truncate(segment.name, to: max(1, right - left))
            let x = max(nextFree, left + max(0, (right - left - TextMetrics.width(name)) / 2))
            guard x + TextMetrics.width(name) <= plot.maxX, right - left >= 2 else { continue }
            nextFree = canvas.write(name, x: x, y: y, style: PanelStyle.muted) + 1
        }
    }
}
