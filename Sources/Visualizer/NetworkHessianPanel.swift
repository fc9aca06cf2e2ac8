import Objectives
import Rendering

/// A network's Hessian, taken at one optimizer's weights: by default the tensor-block matrix (the
/// RMS of H over every pair of tensors, labelled), and with `t` / `T` one tensor's diagonal block
/// entry by entry with Adam-mini's official blocks outlined (per head for queries and keys, per row
/// elsewhere). The title says where and when H was taken and whether that is still what is shown.
struct NetworkHessianPanel {
    var state: AppState
    /// Whether this is the main panel: the tensor view then follows the zoom and pan keys.
    var isMain = false

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
            let title = NetworkHessianTitle.title(
                takenBy: hessian.label, racer: hessian.racer, atStep: hessian.step,
                selected: state.selected, selectedLabel: selected.label, currentStep: state.step, width: rect.width - 4)
            let inner = PanelStyle.frame(rect, title: title, into: &canvas)
            guard inner.height > 3, inner.width > 10 else { return }
            if let index = state.hessianTensor, index < hessian.tensors.count {
                renderTensor(index, of: hessian, in: inner, into: &canvas)
            } else {
                renderTensorBlocks(hessian, in: inner, into: &canvas)
            }
        case .failure(let unavailable)?:
            let inner = PanelStyle.frame(rect, title: "Hessian", into: &canvas)
            canvas.render(TextBlock("no Hessian: \(unavailable.reason)", wraps: true), in: inner.inset(dx: 1, dy: 0))
        case nil:
            let inner = PanelStyle.frame(rect, title: "Hessian", into: &canvas)
            canvas.render(TextBlock("press H to form the Hessian at \(selected.label)'s weights (step \(state.step))", wraps: true),
                          in: inner.inset(dx: 1, dy: 0))
        }
    }

    /// Writes the longest of `forms` that fits on `row`.
    private func writeFitting(_ forms: [String], in row: Rect, style: Style = PanelStyle.muted, into canvas: inout Canvas) {
        let text = forms.first { TextMetrics.width($0) <= row.width } ?? forms[forms.count - 1]
        canvas.write(text, x: row.x, y: row.y, style: style, maxWidth: row.width)
    }

    /// The tensor-block matrix, with the share of H inside Adam-mini's blocks under it.
    private func renderTensorBlocks(_ hessian: NetworkHessian, in inner: Rect, into canvas: inout Canvas) {
        let body = inner.inset(dx: 1, dy: 0)
        let count = hessian.tensors.count
        writeFitting([
            "RMS of H over each pair of the \(count) tensors, log scale · t steps through the tensors",
            "RMS of H per pair of the \(count) tensors, log scale · t: one tensor",
            "RMS of H per tensor pair · t: one tensor",
        ], in: Rect(x: body.x, y: body.y, width: body.width, height: 1), into: &canvas)
        let grid = Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 2)
        canvas.render(TensorBlockGrid(labels: hessian.tensors.map(\.label), values: hessian.tensorBlockRMS, mode: state.colorMode),
                      in: grid)
        let blocks = hessian.blockSizes.count
        let inBlocks = Formatting.percent(hessian.shareInBlocks), random = Formatting.percent(hessian.shareInRandomBlocks)
        writeFitting([
            "share of ‖H‖² inside Adam-mini's \(blocks) blocks: \(inBlocks) · random blocks of the same sizes: \(random)",
            "‖H‖² in Adam-mini's \(blocks) blocks: \(inBlocks) · random: \(random)",
            "‖H‖² in Adam-mini's blocks \(inBlocks) · random \(random)",
            "in blocks \(inBlocks) · random \(random)",
        ], in: Rect(x: body.x, y: body.maxY - 1, width: body.width, height: 1), into: &canvas)
    }

    /// One tensor's diagonal block of H with Adam-mini's official blocks outlined.
    private func renderTensor(_ index: Int, of hessian: NetworkHessian, in inner: Rect, into canvas: inout Canvas) {
        let tensor = hessian.tensors[index]
        let body = inner.inset(dx: 1, dy: 0)
        let shape = tensor.shape.map(String.init).joined(separator: "x")
        let n = tensor.count
        writeFitting([
            "tensor \(index + 1)/\(hessian.tensors.count) \(tensor.label) [\(shape)]: its \(n)x\(n) block of H · t next · T previous"
                + (isMain ? " · z x zoom · h j k l pan" : ""),
            "tensor \(index + 1)/\(hessian.tensors.count) \(tensor.label) [\(shape)] · \(n)x\(n) · t T",
            "\(index + 1)/\(hessian.tensors.count) \(tensor.label) · t T",
        ], in: Rect(x: body.x, y: body.y, width: body.width, height: 1), style: PanelStyle.title, into: &canvas)
        let matrixRect = Self.tensorMatrixRect(in: inner)
        let (heatmap, geometry, fits) = Self.tensorHeatmap(index, of: hessian, state: state, isMain: isMain, in: matrixRect)
        let perCoordinate = tensor.blockSizes.count == n && n > 1
        canvas.render(heatmap, in: matrixRect)
        let keyRow = Rect(x: body.x, y: body.maxY - 2, width: body.width, height: 1)
        var x = keyRow.x
        func write(_ text: String, _ style: Style = PanelStyle.muted) {
            x = canvas.write(text, x: x, y: keyRow.y, style: style, maxWidth: max(0, keyRow.maxX - x))
        }
        // The longest wording that fits after the outline glyph.
        func fitting(_ forms: [String]) -> String {
            forms.first { TextMetrics.width($0) <= keyRow.maxX - x } ?? forms[forms.count - 1]
        }
        let blocksText = tensor.blocksDescription
        if perCoordinate {
            write(fitting(["Adam-mini's blocks: \(blocksText), nothing to outline", "Adam-mini: \(blocksText)"]))
        } else if fits {
            write("━ ", Style(foreground: MatrixOutline.partitionColor, attributes: .bold))
            write(fitting(["Adam-mini's blocks: \(blocksText)", "Adam-mini: \(blocksText)"]))
        } else {
            write(fitting(["Adam-mini's blocks: \(blocksText), too fine to outline at this size",
                           "Adam-mini: \(blocksText), too fine to outline here", "Adam-mini: \(blocksText), not outlined",
                           "Adam-mini: too fine to outline"]))
        }
        let resolution = HessianPanel(state: state, isMain: false).resolution(geometry, scale: heatmap.scale)
        canvas.write(resolution, x: body.x, y: body.maxY - 1, style: PanelStyle.muted, maxWidth: body.width)
    }

    /// Where a tensor's matrix goes inside the panel's interior `inner`: under the tensor's line,
    /// above the key and resolution lines.
    static func tensorMatrixRect(in inner: Rect) -> Rect {
        let body = inner.inset(dx: 1, dy: 0)
        return Rect(x: body.x, y: body.y + 1, width: body.width, height: max(0, body.height - 3))
    }

    /// Tensor `index`'s diagonal block as drawn in `matrixRect`, its geometry, and whether
    /// Adam-mini's blocks are outlined. The widget outlines only blocks a few pixels wide; outlining
    /// some of a tensor's equal blocks and not others would read as structure, so it is all of
    /// them or none (and never one per coordinate).
    static func tensorHeatmap(_ index: Int, of hessian: NetworkHessian, state: AppState, isMain: Bool,
                              in matrixRect: Rect) -> (MatrixPixelHeatmap, MatrixGeometry, outlined: Bool) {
        let tensor = hessian.tensors[index]
        let n = tensor.count
        var heatmap = MatrixPixelHeatmap(
            size: n, values: hessian.diagonalBlocks[index], scaleKind: state.hessianScale,
            partition: MatrixOutline(blockSizes: tensor.blockSizes, color: MatrixOutline.partitionColor),
            zoom: isMain ? state.matrixZoom : .fitted, mode: state.colorMode)
        var geometry = heatmap.geometry(width: matrixRect.width, height: matrixRect.height)
        let perCoordinate = tensor.blockSizes.count == n && n > 1
        let outlined = !perCoordinate && heatmap.partition.map { outlinesEveryBlock($0, geometry: geometry) } == true
        if !outlined {
            heatmap.partition = nil
            geometry = heatmap.geometry(width: matrixRect.width, height: matrixRect.height)
        }
        return (heatmap, geometry, outlined)
    }

    /// Whether the heatmap outlines every block of `outline` at `geometry` (the widget skips blocks
    /// narrower than `MatrixPixelHeatmap.smallestOutlinedPixels`).
    static func outlinesEveryBlock(_ outline: MatrixOutline, geometry: MatrixGeometry) -> Bool {
        outline.ranges(size: geometry.size).allSatisfy { range in
            let first = geometry.pixel(ofEntry: range.lowerBound, origin: geometry.zoom.column)
            let end = geometry.pixel(ofEntry: range.upperBound - 1, origin: geometry.zoom.column) + 1
            return end - first >= MatrixPixelHeatmap.smallestOutlinedPixels
        }
    }
}
