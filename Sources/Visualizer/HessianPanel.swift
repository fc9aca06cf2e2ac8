import Objectives
import Rendering

/// The Hessian as a heatmap on a signed scale with a colour bar: the full H of an N-D problem with
/// the problem's blocks (light dashed) and the selected optimizer's partition (heavy), zoomable
/// when it is the main panel; for a 2-D surface, the 2x2 Hessian at the selected optimizer's point
/// with its eigenvalues and condition number. Networks have their own panel.
struct HessianPanel {
    var state: AppState
    /// Whether this is the main panel (zoom and pan apply) or a side panel (always fitted).
    var isMain: Bool

    /// Rows under the matrix for the key and the resolution line.
    static let keyRows = 2

    func render(in rect: Rect, into canvas: inout Canvas) {
        if let quadratic = state.scenario.problem.quadraticModel {
            renderMatrix(quadratic, in: rect, into: &canvas)
            return
        }
        switch state.scenario.problem.kind {
        case .network:
            NetworkHessianPanel(state: state, isMain: isMain).render(in: rect, into: &canvas)
        default:
            renderPoint(in: rect, into: &canvas)
        }
    }

    /// The matrix area inside a panel at `rect`: what zoom and pan are computed against.
    static func matrixRect(in rect: Rect) -> Rect {
        let inner = rect.inset(dx: 1, dy: 1)
        return Rect(x: inner.x + 1, y: inner.y, width: max(0, inner.width - 1), height: max(0, inner.height - keyRows))
    }

    /// The heatmap of an N-D problem's Hessian as this panel draws it.
    static func heatmap(_ quadratic: Quadratic, state: AppState, isMain: Bool) -> MatrixPixelHeatmap {
        heatmap(quadratic, state: state, isMain: isMain, order: blockOrder(quadratic, state: state))
    }

    /// The heatmap with H's rows and columns in `order` (nil: buffer order).
    private static func heatmap(_ quadratic: Quadratic, state: AppState, isMain: Bool, order: [Int]?) -> MatrixPixelHeatmap {
        let selected = state.racer(state.selected)
        let groups = selected.stepSizes.groupSizes
        // One outline per coordinate would hide the matrix: a per-coordinate optimizer has no partition to show.
        let partition = groups.count == quadratic.dimension && quadratic.dimension > 1 ? nil
            : MatrixOutline(blockSizes: groups, color: MatrixOutline.partitionColor)
        var values = quadratic.hessianMatrix.elements
        var problemBlocks: MatrixOutline? = MatrixOutline(blockSizes: quadratic.blockSizes, color: MatrixOutline.problemColor)
        if let order {
            // Interleaved blocks (one per column) are squares only with H's rows and columns put
            // in block order; the problem's blocks stay squares only when there is one.
            let n = quadratic.dimension, h = quadratic.hessianMatrix
            for (r, row) in order.enumerated() {
                for (c, column) in order.enumerated() { values[r * n + c] = h[row, column] }
            }
            if quadratic.blockSizes.count > 1 { problemBlocks = nil }
        }
        return MatrixPixelHeatmap(
            size: quadratic.dimension, values: values, scaleKind: state.hessianScale,
            problemBlocks: problemBlocks, partition: partition,
            zoom: isMain ? state.matrixZoom : .fitted, mode: state.colorMode)
    }

    /// The order H's rows and columns are drawn in: the selected optimizer's blocks one after
    /// another when they interleave (a "columns" partition), else nil (buffer order).
    static func blockOrder(_ quadratic: Quadratic, state: AppState) -> [Int]? {
        guard let order = state.racer(state.selected).stepSizes.coordinatesInGroupOrder, order.count == quadratic.dimension else { return nil }
        return order
    }

    private func renderMatrix(_ quadratic: Quadratic, in rect: Rect, into canvas: inout Canvas) {
        let n = quadratic.dimension
        let selected = state.racer(state.selected)
        let order = Self.blockOrder(quadratic, state: state)
        let heatmap = Self.heatmap(quadratic, state: state, isMain: isMain, order: order)
        let matrixRect = Self.matrixRect(in: rect)
        let geometry = heatmap.geometry(width: matrixRect.width, height: matrixRect.height)
        let reordered = order != nil
        let blocks = quadratic.blockSizes.count
        var title = "Hessian \(n)x\(n)\(reordered ? ", ordered by \(selected.label)'s blocks" : "")"
            + " · \(blocks) block\(blocks == 1 ? "" : "s") · \(state.hessianScale.rawValue) scale"
        if isMain { title += " · c scale · z x zoom · h j k l pan" }
        let inner = PanelStyle.frame(rect, title: title, into: &canvas)
        guard inner.height > Self.keyRows, inner.width > 4 else { return }
        canvas.render(heatmap, in: matrixRect)
        let keyRow = Rect(x: inner.x + 1, y: inner.maxY - 2, width: inner.width - 1, height: 1)
        let resolutionRow = Rect(x: inner.x + 1, y: inner.maxY - 1, width: inner.width - 1, height: 1)
        writeKey(label: selected.label, partition: heatmap.partition, problemBlocks: heatmap.problemBlocks?.blockSizes,
                 reordered: reordered, in: keyRow, into: &canvas)
        canvas.write(resolution(geometry, scale: heatmap.scale, blockOrder: reordered), x: resolutionRow.x, y: resolutionRow.y,
                     style: PanelStyle.muted, maxWidth: resolutionRow.width)
    }

    /// What one pixel is, which entries are shown, and where the symmetric log turns linear.
    /// `blockOrder`: the rows and columns shown are positions in the blocks' order, not coordinates.
    func resolution(_ geometry: MatrixGeometry, scale: SignedScale, blockOrder: Bool = false) -> String {
        let pixel: String
        let e = geometry.entryRun, p = geometry.pixelRun
        if p == 1 && e > 1 {
            pixel = "pixel = mean of \(e)x\(e) entries"
        } else if e > p {
            pixel = "\(e) entries per \(p) pixels (each the mean of what it covers)"
        } else if e == 1 && p > 1 {
            pixel = "entry = \(p)x\(p) pixels"
        } else if p > e {
            pixel = "\(p) pixels per \(e) entries"
        } else {
            pixel = "one entry per pixel"
        }
        var parts = [pixel]
        if !geometry.showsWholeMatrix {
            let z = geometry.zoom
            parts.append("rows \(z.row)…\(z.row + geometry.shownRows - 1), columns \(z.column)…\(z.column + geometry.shownColumns - 1) of \(geometry.size)\(blockOrder ? " in block order" : "")")
        }
        switch state.hessianScale {
        case .symlog: parts.append("linear below \(Formatting.number(scale.threshold ?? scale.maximum)), log above")
        case .linear: parts.append("linear to ±\(Formatting.number(scale.maximum))")
        case .block: parts.append("each block to its own largest entry")
        }
        return parts.joined(separator: " · ")
    }

    /// The outlines' key. `problemBlocks` is nil when the problem's blocks are not drawn (they are
    /// not squares in the reordered matrix).
    private func writeKey(label: String, partition: MatrixOutline?, problemBlocks: [Int]?, reordered: Bool,
                          in row: Rect, into canvas: inout Canvas) {
        var x = row.x
        func write(_ text: String, _ style: Style = PanelStyle.muted) {
            x = canvas.write(text, x: x, y: row.y, style: style, maxWidth: max(0, row.maxX - x))
        }
        if problemBlocks != nil {
            write("─ ", Style(foreground: MatrixOutline.problemColor, attributes: .bold))
            write("Hessian blocks  ")
        }
        guard let partition else {
            write("\(label): one learning rate per coordinate, no blocks")
            return
        }
        let count = partition.blockSizes.count
        write("━ ", Style(foreground: MatrixOutline.partitionColor, attributes: .bold))
        write("\(label)'s \(count == 1 ? "single block" : "\(count) blocks")")
        if reordered { write(" (strided in the buffer: H is drawn block by block)") }
        guard problemBlocks != nil else { return }
        if partition.blockSizes == problemBlocks {
            write("  ═ both (they coincide)")
        } else {
            write("  ═ both")
        }
    }

    /// A 2-D surface: the Hessian at the selected optimizer's point, its eigenvalues and condition.
    private func renderPoint(in rect: Rect, into canvas: inout Canvas) {
        let selected = state.racer(state.selected)
        guard let objective = state.timeline.race.objective else { return }
        let matrix = objective.hessian(at: selected.point)
        let values = matrix.symmetricEigenvalues()
        let inner = PanelStyle.frame(rect, title: "Hessian at \(selected.label) · step \(state.step)", into: &canvas)
        guard inner.width > 0, inner.height > 0 else { return }
        let matrixWidth = min(inner.width / 2, max(8, inner.height * 2 + MatrixPixelHeatmap.colorBarWidth))
        let (matrixRect, textRect) = inner.splitLeft(matrixWidth)
        let groups = selected.stepSizes.groupSizes
        canvas.render(MatrixPixelHeatmap(size: 2, values: matrix.elements, scaleKind: state.hessianScale,
                                         partition: groups.count == 1 ? MatrixOutline(blockSizes: groups, color: MatrixOutline.partitionColor) : nil,
                                         mode: state.colorMode), in: matrixRect)
        canvas.render(TextBlock(text(matrix: matrix, eigenvalues: values, groups: groups), wraps: false),
                      in: textRect.inset(dx: 1, dy: 0))
    }

    private func text(matrix: Matrix, eigenvalues: [Double], groups: [Int]) -> String {
        let f = Formatting.number
        var lines = [
            "H = [\(f(matrix[0, 0])) \(f(matrix[0, 1]))]",
            "    [\(f(matrix[1, 0])) \(f(matrix[1, 1]))]",
        ]
        if eigenvalues.count == 2 {
            lines.append("λ = \(f(eigenvalues[0])), \(f(eigenvalues[1]))")
            let low = abs(eigenvalues[0]), high = abs(eigenvalues[1])
            let condition = min(low, high) > 0 ? max(low, high) / min(low, high) : Double.infinity
            lines.append("κ = \(f(condition))" + (eigenvalues[0] < 0 ? "  (indefinite)" : ""))
        }
        lines.append(groups.count == 1 ? "━ one block (x,y)" : "one rate per coordinate")
        return lines.joined(separator: "\n")
    }
}
