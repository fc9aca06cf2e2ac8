import Foundation
import Objectives
import Rendering

/// The Hessian's spectrum block by block (Zhang et al. 2024's picture of block heterogeneity):
/// the whole spectrum's density as a ridge on top, each block's density as a ridge below it, all
/// on one symmetric-log eigenvalue axis, and the Jensen-Shannon distance between every pair of
/// block densities as a heatmap on a fixed 0 to 1 scale, so one scenario's colours compare with
/// another's. Blocks whose spectra differ (a transformer's) sit apart on the axis and light up
/// the heatmap; alike blocks (a CNN's) stack up and leave it dark.
struct SpectrumPanel {
    var state: AppState
    var monitor: SpectrumMonitor

    /// The blocks' ridges.
    static let blockColor = TerminalColor.rgb(95, 185, 205)
    /// The whole spectrum's ridge.
    static let fullColor = TerminalColor.rgb(225, 225, 225)
    /// Heights of a one-row bar, an eighth of a cell each.
    static let bars = CurvaturePanel.bars

    func render(in rect: Rect, into canvas: inout Canvas) {
        let inner = PanelStyle.frame(rect, title: "Hessian spectra by block · JS distances", into: &canvas)
        guard inner.width > 20, inner.height > 3 else { return }
        let source: (job: SpectrumMonitor.Job, origin: @Sendable (Int) -> String)
        switch state.spectrumSource {
        case .failure(let why):
            canvas.render(TextBlock(why.reason, style: PanelStyle.muted), in: inner)
            return
        case .success(let found): source = found
        }
        monitor.observe(source.job)
        canvas.write(source.origin(inner.width), x: inner.x, y: inner.y, style: PanelStyle.muted, maxWidth: inner.width)
        guard let result = monitor.result(for: source.job.key) else {
            let progress = monitor.progress(for: source.job.key)
            let share = progress.map { " block \(min($0.done + 1, $0.total)) of \($0.total), \(Formatting.percent($0.within))" } ?? ""
            canvas.write("working out the spectra…\(share)", x: inner.x, y: inner.y + 1, style: PanelStyle.muted, maxWidth: inner.width)
            return
        }
        let heterogeneity = result.heterogeneity
        let methods = Set(heterogeneity.blocks.map(\.method.rawValue)).sorted().joined(separator: " and ")
        let mean = heterogeneity.meanDistance.map { "mean JS distance \(Formatting.number($0)) (0 alike, 1 apart)" }
            ?? "one block: no distances"
        canvas.write("\(mean) · \(heterogeneity.blocks.count) blocks, \(methods)", x: inner.x, y: inner.y + 1,
                     style: Style(foreground: PanelStyle.title.foreground, attributes: .bold), maxWidth: inner.width)
        let body = Rect(x: inner.x, y: inner.y + 3, width: inner.width, height: inner.height - 3)
        guard body.height >= 4 else { return }
        let count = heterogeneity.blocks.count
        guard count >= 2 else {
            drawRidges(heterogeneity, in: body, into: &canvas)
            return
        }
        // The heatmap beside the ridges when the panel is wide, under them otherwise; either way
        // at least about four pixels an entry where the room allows.
        if body.width >= 88 {
            let heatWidth = min(body.width * 2 / 5, MatrixPixelHeatmap.colorBarWidth + 4 + max(16, 6 * count))
            drawRidges(heterogeneity, in: Rect(x: body.x, y: body.y, width: body.width - heatWidth - 2, height: body.height), into: &canvas)
            drawDistances(heterogeneity, in: Rect(x: body.maxX - heatWidth, y: body.y, width: heatWidth, height: body.height), into: &canvas)
        } else {
            let heatHeight = body.height >= 24 ? min(body.height / 3, 3 + max(4, 2 * count)) : 0
            drawRidges(heterogeneity, in: Rect(x: body.x, y: body.y, width: body.width, height: body.height - heatHeight), into: &canvas)
            if heatHeight > 0 {
                drawDistances(heterogeneity, in: Rect(x: body.x, y: body.maxY - heatHeight, width: min(body.width, 60), height: heatHeight),
                              into: &canvas)
            }
        }
    }

    /// The full density and the blocks' densities as ridges over one axis, labelled with their
    /// names and condition numbers, the axis ticked below.
    private func drawRidges(_ heterogeneity: BlockHeterogeneity, in rect: Rect, into canvas: inout Canvas) {
        let blocks = heterogeneity.blocks
        let names = blocks.map(\.name) + (heterogeneity.full == nil ? [] : ["whole H"])
        let labelWidth = min(names.map(TextMetrics.width).max() ?? 0, max(8, rect.width / 4))
        let statsWidth = 13
        let plot = (x: rect.x + labelWidth + 1, width: rect.width - labelWidth - statsWidth - 2)
        guard plot.width >= 10 else { return }
        var y = rect.y
        let axisRows = 2
        var free = rect.height - axisRows
        // Ridges up to six rows tall, the whole spectrum's a row taller and a row apart.
        var height = 6
        while height > 1, blocks.count * height + height + 2 > free { height -= 1 }
        if let full = heterogeneity.full, let density = heterogeneity.fullDensity, blocks.count * height + height + 2 <= free {
            let fullHeight = height + 1
            drawRidge(density, height: fullHeight, color: Self.fullColor, plot: plot, bottom: y + fullHeight - 1, into: &canvas)
            writeLabels("whole H", full, y: y + fullHeight - 1, labelX: rect.x, labelWidth: labelWidth, statsX: plot.x + plot.width + 1,
                        statsWidth: statsWidth, bold: true, into: &canvas)
            y += fullHeight + 1
            free -= fullHeight + 1
        }
        let shown = free >= blocks.count * height ? blocks.count : max(0, (free - 1) / height)
        for index in 0..<shown {
            let bottom = y + height - 1
            drawRidge(heterogeneity.densities[index], height: height, color: Self.blockColor, plot: plot, bottom: bottom, into: &canvas)
            writeLabels(blocks[index].name, blocks[index], y: bottom, labelX: rect.x, labelWidth: labelWidth, statsX: plot.x + plot.width + 1,
                        statsWidth: statsWidth, bold: false, into: &canvas)
            y += height
        }
        if shown < blocks.count {
            canvas.write("+ \(blocks.count - shown) more blocks (a taller window shows them)", x: rect.x, y: y, style: PanelStyle.muted,
                         maxWidth: rect.width)
            y += 1
        }
        drawAxis(heterogeneity.grid, plot: plot, y: y, labelX: rect.x, labelWidth: labelWidth, into: &canvas)
    }

    /// One density as a filled ridge `height` rows tall whose bottom row is `bottom`, scaled to
    /// its own peak (the shapes are compared, each block's mass is 1 anyway).
    private func drawRidge(_ density: SpectralDensity, height: Int, color: TerminalColor, plot: (x: Int, width: Int), bottom: Int,
                           into canvas: inout Canvas) {
        let columns = Self.columnPeaks(density.values, width: plot.width)
        let peak = columns.max() ?? 0
        guard peak > 0 else { return }
        let levels = 8 * height
        for (column, value) in columns.enumerated() where value > 0 {
            // A sliver of mass still shows: an isolated eigenvalue must not vanish.
            let level = max(1, Int((value / peak * Double(levels)).rounded()))
            for row in 0..<height {
                let fill = min(8, level - 8 * row)
                guard fill > 0 else { break }
                canvas[plot.x + column, bottom - row] = Cell(Self.bars[fill - 1], foreground: color)
            }
        }
    }

    /// The largest density value among the grid points each of `width` columns covers.
    static func columnPeaks(_ values: [Double], width: Int) -> [Double] {
        var peaks = [Double](repeating: 0, count: max(0, width))
        guard width > 0, !values.isEmpty else { return peaks }
        for (index, value) in values.enumerated() where value.isFinite {
            let column = min(width - 1, index * width / values.count)
            peaks[column] = max(peaks[column], value)
        }
        return peaks
    }

    /// A ridge's name left of it and its condition number (or its lowest eigenvalue, when that
    /// is not positive) right of it.
    private func writeLabels(_ name: String, _ spectrum: BlockSpectrum, y: Int, labelX: Int, labelWidth: Int, statsX: Int, statsWidth: Int,
                             bold: Bool, into canvas: inout Canvas) {
        let style = bold ? Style(foreground: Self.fullColor, attributes: .bold) : Style(foreground: .rgb(190, 190, 200))
        canvas.write(TextMetrics.truncate(name, to: labelWidth), x: labelX, y: y, style: style, maxWidth: labelWidth)
        let stats = spectrum.condition.map { "κ \(Formatting.number($0))" } ?? "λmin \(Ticks.label(spectrum.lambdaMin))"
        canvas.write(stats, x: statsX, y: y, style: PanelStyle.muted, maxWidth: statsWidth)
    }

    /// Ticks under the ridges at zero and the powers of ten (negative ones too) the grid spans,
    /// as many as fit without touching.
    private func drawAxis(_ grid: SpectralGrid, plot: (x: Int, width: Int), y: Int, labelX: Int, labelWidth: Int, into canvas: inout Canvas) {
        let lowest = grid.axis.eigenvalue(at: grid.lower), highest = grid.axis.eigenvalue(at: grid.upper)
        canvas.write(lowest < 0 ? "λ, sym-log" : "λ, log", x: plot.x + plot.width + 1, y: y + 1, style: PanelStyle.muted)
        func column(_ eigenvalue: Double) -> Int {
            let t = (grid.axis.position(of: eigenvalue) - grid.lower) / (grid.upper - grid.lower)
            return Int((t * Double(plot.width)).rounded(.down))
        }
        let largest = max(abs(lowest), abs(highest))
        guard largest > 0 else { return }
        let top = Int(log10(largest).rounded(.up)), bottom = Int(log10(grid.axis.threshold).rounded(.down))
        var candidates: [Double] = lowest < 0 && highest > 0 ? [0] : []
        for exponent in Swift.stride(from: top, through: bottom, by: -1) {
            let power = Foundation.pow(10, Double(exponent))
            if power <= highest { candidates.append(power) }
            if -power >= lowest { candidates.append(-power) }
        }
        // Larger magnitudes first, so the decades that set the picture always get their label.
        var taken: [Range<Int>] = []
        for value in candidates {
            let c = column(value)
            guard c >= 0, c < plot.width else { continue }
            let label = Ticks.label(value)
            let start = min(max(0, c - TextMetrics.width(label) / 2), plot.width - TextMetrics.width(label))
            let span = (start - 1)..<(start + TextMetrics.width(label) + 1)
            guard !taken.contains(where: { $0.overlaps(span) }) else { continue }
            taken.append(span)
            canvas[plot.x + c, y] = Cell("╵", style: PanelStyle.muted)
            _ = canvas.write(label, x: plot.x + start, y: y + 1, style: PanelStyle.muted)
        }
    }

    /// The JS distance matrix on a fixed 0 to 1 scale, rows and columns numbered as the ridges.
    private func drawDistances(_ heterogeneity: BlockHeterogeneity, in rect: Rect, into canvas: inout Canvas) {
        let count = heterogeneity.blocks.count
        canvas.write("JS distance, block by block", x: rect.x, y: rect.y, style: PanelStyle.muted, maxWidth: rect.width)
        let heatmap = MatrixPixelHeatmap(size: count, values: heterogeneity.distances.flatMap { $0 }, scaleKind: .linear,
                                         mode: state.colorMode, maximum: 1, nonNegative: true)
        // Numbered as the ridges: tensors from 0 as the Hessian view numbers them, blocks from 1.
        let first = state.scenario.problem.network == nil ? 1 : 0
        let indexWidth = String(count - 1 + first).count
        let area = Rect(x: rect.x + indexWidth + 1, y: rect.y + 2, width: rect.width - indexWidth - 1, height: min(rect.height - 2, 24))
        guard area.width > MatrixPixelHeatmap.colorBarWidth + 2, area.height >= 3 else { return }
        let geometry = heatmap.geometry(width: area.width, height: area.height)
        canvas.render(heatmap, in: area)
        var lastRow = -1, nextColumn = 0
        for index in 0..<count {
            let origin = geometry.zoom
            let middleDown = (geometry.pixel(ofEntry: index, origin: origin.row) + geometry.pixel(afterEntriesEndingAt: index + 1, origin: origin.row) - 1) / 2
            let row = middleDown / geometry.pixelsPerCellDown
            if row > lastRow, row < geometry.cellHeight {
                let text = String(index + first)
                canvas.write(text, x: rect.x + indexWidth - text.count, y: area.y + row, style: PanelStyle.muted)
                lastRow = row
            }
            let middleAcross = (geometry.pixel(ofEntry: index, origin: origin.column) + geometry.pixel(afterEntriesEndingAt: index + 1, origin: origin.column) - 1) / 2
            let x = middleAcross * geometry.cellsPerPixelAcross
            let text = String(index + first)
            if x >= nextColumn, x + text.count <= geometry.cellWidth {
                canvas.write(text, x: area.x + x, y: rect.y + 1, style: PanelStyle.muted)
                nextColumn = x + text.count + 1
            }
        }
    }
}
