import Rendering

/// The loss surface with contours, minima and every visible optimizer's path.
struct SurfacePanel {
    /// Iterates drawn at full colour when fading is on.
    static let recentIterates = 40

    var state: AppState
    var plane: SurfacePlane
    var cache: SurfaceLayerCache

    func render(in rect: Rect, into canvas: inout Canvas) {
        let inner = PanelStyle.frame(rect, title: title, into: &canvas)
        guard inner.width > 0, inner.height > 0 else { return }
        let layer = cache.layer(plane: plane, viewport: state.viewport, width: inner.width,
                                height: inner.height, mode: state.colorMode)
        canvas.blit(layer, at: Position(x: inner.x, y: inner.y))
        canvas.render(paths(dotWidth: inner.width * 2, dotHeight: inner.height * 4), in: inner)
        drawColorBar(in: rect, into: &canvas)
    }

    /// The heatmap's colour bar with value ticks, in the bottom border so it hides nothing.
    private func drawColorBar(in rect: Rect, into canvas: inout Canvas) {
        guard let scale = cache.scale, rect.width >= 40 else { return }
        let name = "f" + (scale.kind == .log ? " (log)" : "") + " "
        let width = min(56, rect.width - 6 - TextMetrics.width(name))
        let start = rect.maxX - 2 - width
        canvas.write(name, x: start - TextMetrics.width(name), y: rect.maxY - 1, style: PanelStyle.muted)
        canvas.render(ColorBarStrip(scale: scale, mode: state.colorMode), in: Rect(x: start, y: rect.maxY - 1, width: width, height: 1))
    }

    private var title: String {
        let v = state.viewport
        let box = "x \(Formatting.number(v.xMin))…\(Formatting.number(v.xMax))  y \(Formatting.number(v.yMin))…\(Formatting.number(v.yMax))"
        if case .projection(let slice) = plane.kind {
            return "\(slice.origin.count)-D slice through the start · axes: eigenvectors of λmax \(Formatting.number(slice.lambda1)) →, λmin \(Formatting.number(slice.lambda2)) ↑"
        }
        // A formula is the surface's only name: show it (the frame truncates a long one).
        if case .expression(let surface) = state.scenario.problem.kind { return "f = \(surface.formula) · \(box)" }
        return "\(state.scenario.problem.typeName) · \(box)"
    }

    private func paths(dotWidth: Int, dotHeight: Int) -> PathOverlay {
        let viewport = state.viewport
        var faded: [PathOverlay.Path] = []
        var vivid: [PathOverlay.Path] = []
        for index in 0..<state.optimizerCount where !state.hidden.contains(index) {
            let color = PanelStyle.color(index, mode: state.colorMode)
            let points = Self.thinned(state.timeline.paths[index], viewport: viewport, dotWidth: dotWidth, dotHeight: dotHeight)
            if state.fadesOldIterates && points.count > Self.recentIterates + 1 {
                let split = points.count - Self.recentIterates - 1
                faded.append(PathOverlay.Path(points: Array(points[...split]), color: PanelStyle.faded(color)))
                vivid.append(PathOverlay.Path(points: Array(points[split...]), color: color, marker: PanelStyle.marker(index)))
            } else {
                vivid.append(PathOverlay.Path(points: points, color: color, marker: PanelStyle.marker(index)))
            }
        }
        // The selected optimizer is drawn last so it stays on top where paths cross.
        let order = vivid.indices.sorted { a, b in
            (visibleIndex(a) == state.selected ? 1 : 0) < (visibleIndex(b) == state.selected ? 1 : 0)
        }
        let minimumColor: TerminalColor = state.colorMode == .none ? .default : .rgb(255, 255, 255)
        var overlay = PathOverlay(viewport: viewport, paths: faded + order.map { vivid[$0] }, minima: plane.minima,
                                  minimumColor: minimumColor, dotBudgetPerPath: dotWidth * dotHeight)
        overlay.saddles = plane.saddles
        return overlay
    }

    /// The optimizer index of the k-th visible path.
    private func visibleIndex(_ k: Int) -> Int {
        var seen = -1
        for index in 0..<state.optimizerCount where !state.hidden.contains(index) {
            seen += 1
            if seen == k { return index }
        }
        return -1
    }

    /// Drops points that land on the same braille dot as the previously kept one, so a long,
    /// converged path costs what its picture costs. The first and last points are always kept.
    static func thinned(_ points: [SIMD2<Double>], viewport: Viewport, dotWidth: Int, dotHeight: Int) -> [SIMD2<Double>] {
        guard points.count > 2 else { return points }
        let sx = Double(dotWidth) / viewport.width, sy = Double(dotHeight) / viewport.height
        var kept: [SIMD2<Double>] = [points[0]]
        kept.reserveCapacity(min(points.count, 4096))
        var lastX = ((points[0].x - viewport.xMin) * sx).rounded(.down)
        var lastY = ((viewport.yMax - points[0].y) * sy).rounded(.down)
        for point in points[1..<(points.count - 1)] {
            let x = ((point.x - viewport.xMin) * sx).rounded(.down)
            let y = ((viewport.yMax - point.y) * sy).rounded(.down)
            if x != lastX || y != lastY || !x.isFinite || !y.isFinite {
                kept.append(point)
                lastX = x
                lastY = y
            }
        }
        kept.append(points[points.count - 1])
        return kept
    }
}

extension Canvas {
    /// Copies every cell of `layer` to this canvas with its top-left corner at `origin`.
    mutating func blit(_ layer: Canvas, at origin: Position) {
        for y in 0..<layer.bufferHeight {
            for x in 0..<layer.bufferWidth {
                self[origin.x + x, origin.y + y] = layer.cells[y * layer.bufferWidth + x]
            }
        }
    }
}
