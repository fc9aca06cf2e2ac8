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
            let share = "‖H‖² in Adam-mini's \(hessian.blockSizes.count) blocks: \(Formatting.percent(hessian.shareInBlocks))"
                + " · in random blocks: \(Formatting.percent(hessian.shareInRandomBlocks))"
            canvas.write(share, x: shareRow.x, y: shareRow.y, style: PanelStyle.muted, maxWidth: shareRow.width)
            let color = PanelStyle.color(state.selected, mode: state.colorMode)
            let secondary = state.colorMode == .none ? TerminalColor.default : color
            let groups = selected.stepSizes.groupSizes
            // One outline per coordinate would hide the matrix; a per-coordinate optimizer has none.
            let ownBlocks = groups.count == selected.stepSizes.parameterCount ? [] : groups
            canvas.render(MatrixHeatmap(rows: n, columns: n, values: hessian.displayValues,
                                        blocks: hessian.blockSizes, secondaryBlocks: ownBlocks,
                                        mode: state.colorMode, secondaryColor: secondary), in: matrixRect)
            var x = keyRow.x
            x = canvas.write("─ Adam-mini blocks  ", x: x, y: keyRow.y, style: PanelStyle.muted, maxWidth: keyRow.width)
            if ownBlocks.isEmpty {
                _ = canvas.write("\(selected.label): one rate per parameter · signed log scale", x: x, y: keyRow.y,
                                 style: PanelStyle.muted, maxWidth: max(0, keyRow.maxX - x))
            } else {
                x = canvas.write("━ ", x: x, y: keyRow.y, style: Style(foreground: secondary, attributes: .bold), maxWidth: max(0, keyRow.maxX - x))
                _ = canvas.write("\(selected.label)'s partition · signed log scale", x: x, y: keyRow.y,
                                 style: PanelStyle.muted, maxWidth: max(0, keyRow.maxX - x))
            }
        case .failure(let unavailable)?:
            let inner = PanelStyle.frame(rect, title: "Hessian", into: &canvas)
            canvas.render(TextBlock("no Hessian: \(unavailable.reason)", wraps: true), in: inner.inset(dx: 1, dy: 0))
        case nil:
            let inner = PanelStyle.frame(rect, title: "Hessian", into: &canvas)
            canvas.render(TextBlock("press H to form the Hessian at \(selected.label)'s weights", wraps: true), in: inner.inset(dx: 1, dy: 0))
        }
    }
}
