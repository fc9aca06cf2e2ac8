import Objectives
import Rendering

/// The Hessian on a diverging scale with partitions outlined: the full H of a quadratic with its
/// blocks (light) and the selected optimizer's own partition (heavy, in its colour); for a 2D
/// surface the 2x2 Hessian at the selected optimizer's current point with eigenvalues and condition.
struct HessianPanel {
    var state: AppState

    func render(in rect: Rect, into canvas: inout Canvas) {
        let selected = state.racer(state.selected)
        let groups = selected.stepSizes.groupSizes
        let color = PanelStyle.color(state.selected, mode: state.colorMode)
        let secondary = state.colorMode == .none ? TerminalColor.default : color
        switch state.scenario.problem.kind {
        case .quadratic(let quadratic):
            let n = quadratic.dimension
            let title = "Hessian \(n)x\(n) · blocks \(quadratic.blockSizes.count) · \(selected.label): \(groups.count) block\(groups.count == 1 ? "" : "s")"
            let inner = PanelStyle.frame(rect, title: title, into: &canvas)
            guard inner.height > 1 else { return }
            let (matrixRect, keyRow) = inner.splitBottom(1)
            canvas.render(MatrixHeatmap(rows: n, columns: n, values: quadratic.hessianMatrix.elements,
                                        blocks: quadratic.blockSizes, secondaryBlocks: groups,
                                        mode: state.colorMode, secondaryColor: secondary), in: matrixRect)
            writeKey(in: keyRow, label: selected.label, color: secondary, into: &canvas)
        case .network:
            NetworkHessianPanel(state: state).render(in: rect, into: &canvas)
        default:
            let point = selected.point
            guard let objective = state.timeline.race.objective else { return }
            let matrix = objective.hessian(at: point)
            let values = matrix.symmetricEigenvalues()
            let title = "Hessian at \(selected.label) · step \(state.step)"
            let inner = PanelStyle.frame(rect, title: title, into: &canvas)
            guard inner.width > 0, inner.height > 0 else { return }
            let matrixWidth = min(inner.width / 2, max(8, inner.height * 4))
            let (matrixRect, textRect) = inner.splitLeft(matrixWidth)
            canvas.render(MatrixHeatmap(rows: 2, columns: 2, values: matrix.elements, blocks: [2], secondaryBlocks: groups,
                                        mode: state.colorMode, secondaryColor: secondary), in: matrixRect)
            canvas.render(TextBlock(text(matrix: matrix, eigenvalues: values, groups: groups), wraps: false),
                          in: textRect.inset(dx: 1, dy: 0))
        }
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
        lines.append(groups.count == 1 ? "━ one block (x,y)" : "━ \(groups.count) blocks")
        return lines.joined(separator: "\n")
    }

    func writeKey(in row: Rect, label: String, color: TerminalColor, into canvas: inout Canvas) {
        var x = row.x
        x = canvas.write("─ Hessian blocks  ", x: x, y: row.y, style: PanelStyle.muted, maxWidth: row.width)
        x = canvas.write("━ ", x: x, y: row.y, style: Style(foreground: color, attributes: .bold), maxWidth: max(0, row.maxX - x))
        _ = canvas.write("\(label)'s partition", x: x, y: row.y, style: PanelStyle.muted, maxWidth: max(0, row.maxX - x))
    }
}
