import Foundation
import Rendering

/// The tensor-block matrix of a network Hessian: one square of cells per pair of tensors, coloured
/// by the RMS of that block of H on a log scale, rows labelled with the tensors' index and name,
/// columns with the index, and a colour bar with labelled ticks to the right.
///
/// Block RMS values are magnitudes over several decades, so they get a sequential map (viridis:
/// monotone in lightness, and still ordered when snapped to 256 colours); a block that is exactly
/// zero gets the Hessian's dark zero colour, which no level of the map uses.
struct TensorBlockGrid: Widget {
    /// Row labels (tensor names), one per tensor.
    var labels: [String]
    /// RMS values row-major, `labels.count` squared.
    var values: [Double]
    /// Output colour mode.
    var mode: ColorMode
    /// The colours of nonzero values, smallest first.
    var colormap: Colormap = .viridis
    /// The colour of an exactly zero block.
    var zeroColor: TerminalColor = DivergingColors.hessian.zero

    /// Columns the colour bar and its tick labels take.
    static let colorBarWidth = 9

    /// The smallest nonzero and the largest finite value: the ends of the log scale.
    var range: (lower: Double, upper: Double)? {
        var lower = Double.infinity, upper = 0.0
        for value in values where value.isFinite && value > 0 {
            lower = min(lower, value)
            upper = max(upper, value)
        }
        return upper > 0 ? (lower, upper) : nil
    }

    /// The colour level of a value: 0 for zero, 1 (smallest nonzero) to `colormap.levels` (largest).
    func level(_ value: Double) -> Int? {
        guard value.isFinite else { return nil }
        guard value > 0, let (lower, upper) = range else { return 0 }
        let span = log10(upper) - log10(lower)
        let fraction = span > 0 ? (log10(value) - log10(lower)) / span : 1
        return 1 + Int((max(0, min(1, fraction)) * Double(colormap.levels - 1)).rounded())
    }

    /// How the grid fits a `width` x `height` view: cells across and down per tensor pair, the
    /// label column's width and the labels written in it.
    ///
    /// Unambiguous labels come first: the full short names with square cells (two columns by one
    /// row, or multiples), then `TensorLabels.compact` names, then single-column cells, and only
    /// then labels cut to fit.
    func layout(width: Int, height: Int) -> (across: Int, down: Int, labelWidth: Int, labels: [String]) {
        let count = max(1, labels.count)
        let free = max(0, width - Self.colorBarWidth - 1)
        let candidates = [labels, TensorLabels.compact(labels)]
        func widest(_ names: [String]) -> Int {
            names.enumerated().map { TextMetrics.width(rowLabel($0.offset, $0.element)) }.max() ?? 0
        }
        for cellWidth in [2, 1] {
            for names in candidates where widest(names) + 1 + cellWidth * count <= free {
                let labelWidth = widest(names)
                let across = (free - labelWidth - 1) / count
                let k = max(1, min(across / 2, (height - 1) / count))
                return (cellWidth == 2 ? 2 * k : 1, cellWidth == 2 ? k : 1, labelWidth, names)
            }
        }
        let names = candidates[1]
        let labelWidth = max(4, free - count - 1)
        return (1, 1, min(labelWidth, widest(names)), names)
    }

    func rowLabel(_ index: Int, _ label: String) -> String {
        let digits = String(max(0, labels.count - 1)).count
        let number = String(index)
        return String(repeating: " ", count: max(0, digits - number.count)) + number + " " + label
    }

    func render(into canvas: inout Canvas) {
        let count = labels.count
        guard count > 0, values.count == count * count, canvas.width > 4, canvas.height > 1 else { return }
        let (across, down, labelWidth, names) = layout(width: canvas.width, height: canvas.height)
        let gridX = labelWidth + 1, gridY = 1
        let labelStyle = Style(foreground: .rgb(190, 190, 200))
        // Column indices, as many as fit without touching.
        let indexWidth = String(count - 1).count
        let every = max(1, Int((Double(indexWidth + 1) / Double(across)).rounded(.up)))
        for column in Swift.stride(from: 0, to: count, by: every) {
            let text = String(column)
            let x = gridX + column * across + max(0, (across - text.count) / 2)
            canvas.write(text, x: x, y: 0, style: PanelStyle.muted)
        }
        for row in 0..<count {
            let y = gridY + row * down
            guard y < canvas.height else { break }
            canvas.write(rowLabel(row, names[row]), x: 0, y: y + (down - 1) / 2, style: labelStyle, maxWidth: labelWidth)
            for column in 0..<count {
                canvas.fill(Rect(x: gridX + column * across, y: y, width: across, height: down),
                            with: cell(level(values[row * count + column])))
            }
        }
        let gridHeight = min(canvas.height - gridY, count * down)
        drawColorBar(x: gridX + count * across + 1, y: gridY, height: max(gridHeight, min(canvas.height - gridY, 6)), into: &canvas)
    }

    /// The colour of a level.
    private func color(_ level: Int) -> TerminalColor {
        level == 0 ? zeroColor : colormap.colors[min(colormap.levels, level) - 1]
    }

    /// A matrix cell of a level: its colour, or a shade glyph without colour.
    private func cell(_ level: Int?) -> Cell {
        guard let level else { return Cell("?", foreground: .brightBlack) }
        if mode == .none {
            let ramp = ShadeRamp.ascii
            let index = level == 0 ? 0 : 1 + (level - 1) * (ramp.count - 2) / max(1, colormap.levels - 1)
            return Cell(ramp[index])
        }
        return Cell(scalar: " ", background: color(level))
    }

    /// The log colour bar, largest at the top, with power-of-ten ticks; "0" below it when some
    /// block is exactly zero.
    private func drawColorBar(x: Int, y: Int, height: Int, into canvas: inout Canvas) {
        guard let (lower, upper) = range, height >= 2 else { return }
        let hasZero = values.contains { $0 == 0 }
        let rows = hasZero ? height - 1 : height
        guard rows >= 2 else { return }
        let span = log10(upper) - log10(lower)
        // Level at a fraction from the top (0) to the bottom (1) of the bar.
        func levelAt(_ fromTop: Double) -> Int {
            1 + Int(((1 - max(0, min(1, fromTop))) * Double(colormap.levels - 1)).rounded())
        }
        for row in 0..<rows {
            let top = Double(row) / Double(rows), middle = (Double(row) + 0.5) / Double(rows)
            if mode == .none {
                canvas[x, y + row] = cell(levelAt(middle))
                canvas[x + 1, y + row] = cell(levelAt(middle))
            } else {
                let bottom = (Double(row) + 0.75) / Double(rows)
                canvas[x, y + row] = Cell(scalar: "▀", foreground: color(levelAt(top + 0.25 / Double(rows))),
                                          background: color(levelAt(bottom)))
                canvas[x + 1, y + row] = canvas[x, y + row]
            }
        }
        let tickStyle = Style(foreground: .rgb(170, 170, 180))
        var ticks = Ticks.logarithmic(lower: lower, upper: upper, maxCount: max(2, rows / 2))
        if ticks.isEmpty || span <= 0 { ticks = [upper] }
        var used = Set<Int>()
        for tick in ticks.reversed() {
            let fromTop = span > 0 ? (log10(upper) - log10(tick)) / span : 0
            let row = min(rows - 1, max(0, Int((fromTop * Double(rows - 1)).rounded())))
            guard !used.contains(row), !used.contains(row - 1), !used.contains(row + 1) else { continue }
            used.insert(row)
            canvas.write("─" + Ticks.label(tick), x: x + 2, y: y + row, style: tickStyle, maxWidth: Self.colorBarWidth - 2)
        }
        if hasZero {
            canvas[x, y + rows] = cell(0)
            canvas[x + 1, y + rows] = cell(0)
            canvas.write("─0", x: x + 2, y: y + rows, style: tickStyle)
        }
    }
}
