import Objectives
import Rendering

/// A network's Hessian on a signed log scale (see `NetworkHessian.displayValues`) with Adam-mini's official blocks outlined (light) and
/// the selected optimizer's own partition (heavy, in its colour), titled with the share of the
/// Hessian inside Adam-mini's blocks against randomly placed blocks of the same sizes.
struct NetworkHessianPanel {
    var state: AppState

    func render(in rect: Rect, into canvas: inout Canvas) {
        let selected = state.racer(state.selected)
        if state.hessianPending {
            let inner = PanelStyle.frame(rect, title: "Hessian", into: &canvas)
            canvas.render(TextBlock("forming the Hessian at \(selected.label)'s weights (step \(state.step))…", wraps: true),
                          in: inner.inset(dx: 1, dy: 0))
            return
        }
        switch state.networkHessian {
        case .success(let hessian)?:
            let n = hessian.size
            let title = "Hessian \(n)x\(n) at \(hessian.label) · step \(hessian.step) · H retakes"
            let inner = PanelStyle.frame(rect, title: title, into: &canvas)
            guard inner.height > 2 else { return }
            let (body, keyRow) = inner.splitBottom(1)
            let (shareRow, matrixRect) = (Rect(x: body.x, y: body.y, width: body.width, height: 1),
                                          Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1))
            let blocks = hessian.blockSizes.count
            let inBlocks = Formatting.percent(hessian.shareInBlocks), random = Formatting.percent(hessian.shareInRandomBlocks)
            let shares = [
                "share of ‖H‖² inside Adam-mini's \(blocks) blocks: \(inBlocks) · random blocks of the same sizes: \(random)",
                "‖H‖² in Adam-mini's \(blocks) blocks: \(inBlocks) · random: \(random)",
                "in blocks \(inBlocks) · random \(random)",
            ]
            let share = shares.first { TextMetrics.width($0) <= shareRow.width } ?? shares[shares.count - 1]
            canvas.write(share, x: shareRow.x, y: shareRow.y, style: PanelStyle.muted, maxWidth: shareRow.width)
            let color = PanelStyle.color(state.selected, mode: state.colorMode)
            let secondary = state.colorMode == .none ? TerminalColor.default : color
            let groups = selected.stepSizes.groupSizes
            // One outline per coordinate would hide the matrix; a per-coordinate optimizer has none.
            let ownBlocks = groups.count == selected.stepSizes.parameterCount ? [] : groups
            canvas.render(MatrixHeatmap(rows: n, columns: n, values: hessian.displayValues,
                                        blocks: hessian.blockSizes, secondaryBlocks: ownBlocks,
                                        mode: state.colorMode, secondaryColor: secondary), in: matrixRect)
            writeKey(hessian: hessian, ownBlocks: ownBlocks, label: selected.label, color: secondary,
                     matrixRect: matrixRect, in: keyRow, into: &canvas)
        case .failure(let unavailable)?:
            let inner = PanelStyle.frame(rect, title: "Hessian", into: &canvas)
            canvas.render(TextBlock("no Hessian: \(unavailable.reason)", wraps: true), in: inner.inset(dx: 1, dy: 0))
        case nil:
            let inner = PanelStyle.frame(rect, title: "Hessian", into: &canvas)
            canvas.render(TextBlock("press H to form the Hessian at \(selected.label)'s weights (step \(state.step))", wraps: true),
                          in: inner.inset(dx: 1, dy: 0))
        }
    }

    /// The key under the matrix: what the outlines are, or that the blocks are too fine to outline
    /// at this size (a cell then covers several blocks; the share above still counts them exactly).
    private func writeKey(hessian: NetworkHessian, ownBlocks: [Int], label: String, color: TerminalColor,
                          matrixRect: Rect, in row: Rect, into canvas: inout Canvas) {
        let n = max(1, hessian.size)
        // The heatmap keeps entries about twice as wide as tall.
        let cellsAcross = Double(min(matrixRect.width, 2 * matrixRect.height))
        let outlined = hessian.blockSizes.filter { Double($0) * cellsAcross / Double(n) >= 4 }.count
        var x = row.x
        func write(_ text: String, _ style: Style = PanelStyle.muted) {
            x = canvas.write(text, x: x, y: row.y, style: style, maxWidth: max(0, row.maxX - x))
        }
        if outlined * 2 < hessian.blockSizes.count {
            write("Adam-mini's \(hessian.blockSizes.count) blocks are finer than a cell here; the share above counts them · signed log scale")
            return
        }
        write("─ Adam-mini blocks  ")
        if ownBlocks.isEmpty {
            write("\(label): one rate per parameter · signed log scale")
        } else {
            write("━ ", Style(foreground: color, attributes: .bold))
            write("\(label)'s partition · signed log scale")
        }
    }
}
