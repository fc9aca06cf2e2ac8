import Rendering

/// Composes the whole screen for a state into a canvas: panels, legend, status line, overlays, or
/// the too-small message. Holds the surface layer cache, so keep one renderer per session.
public final class ScreenRenderer: @unchecked Sendable {
    /// The cached heatmap and contour layer.
    public let cache = SurfaceLayerCache()
    /// The preconditioned curvature of the steps shown.
    public let curvature: CurvatureMonitor
    /// The block spectra the spectrum view shows.
    public let spectrum: SpectrumMonitor

    /// Creates a renderer with an empty cache; `curvatureMode` says where spectra (the curvature
    /// and the spectrum view's) are worked out
    /// (in the background for a live session, so no frame waits for one).
    public init(curvatureMode: CurvatureMonitor.Mode = .synchronous) {
        curvature = CurvatureMonitor(mode: curvatureMode)
        spectrum = SpectrumMonitor(mode: curvatureMode)
    }

    /// Whether background work for the screen is under way (the session then redraws soon).
    public var isBusy: Bool { curvature.isBusy || spectrum.isBusy }

    /// The screen for `state` at its size.
    public func render(_ state: AppState) -> Canvas {
        var canvas = Canvas(width: max(0, state.width), height: max(0, state.height))
        let layout = state.layout
        if layout.isTooSmall {
            renderTooSmall(state, into: &canvas)
            return canvas
        }
        curvature.observe(state)
        render(layout.mainView, state, isMain: true, in: layout.main, into: &canvas)
        for panel in layout.side {
            render(panel.view, state, isMain: false, in: panel.rect, into: &canvas)
        }
        LegendPanel(state: state, curvature: curvature).render(in: layout.legend, into: &canvas)
        StatusLine(state: state).render(in: layout.status, into: &canvas)
        switch state.overlay {
        case .none:
            break
        case .help:
            let main = Rect(x: 0, y: 0, width: state.width, height: state.height - 1)
            let help = helpText(state)
            canvas.render(Overlay(title: "descent · keys · esc closes", text: help.text, maxWidth: help.width,
                                  borderStyle: PanelStyle.title), in: main)
        case .picker(let picker):
            PickerPanel(picker: picker).render(in: Rect(x: 0, y: 0, width: state.width, height: state.height - 1), into: &canvas)
        }
        return canvas
    }

    /// Draws one view into its panel.
    private func render(_ view: PanelView, _ state: AppState, isMain: Bool, in rect: Rect, into canvas: inout Canvas) {
        switch view {
        case .surface, .slice:
            if let plane = state.plane {
                SurfacePanel(state: state, plane: plane, cache: cache).render(in: rect, into: &canvas)
            }
        case .hessian: HessianPanel(state: state, isMain: isMain).render(in: rect, into: &canvas)
        case .errors: BlockErrorPanel(state: state).render(in: rect, into: &canvas)
        case .rates: StepSizePanel(state: state).render(in: rect, into: &canvas)
        case .curvature: CurvaturePanel(state: state, monitor: curvature).render(in: rect, into: &canvas)
        case .loss: LossPanel(state: state).render(in: rect, into: &canvas)
        case .spectrum: SpectrumPanel(state: state, monitor: spectrum).render(in: rect, into: &canvas)
        }
    }

    /// The keys, with the scenario's description (what to look for) above them when the screen
    /// has room for both (the picker is the only other place that shows it); in two columns when
    /// one does not fit the height and the screen is wide enough. Gives the text and the box width.
    private func helpText(_ state: AppState) -> (text: String, width: Int) {
        let room = max(1, min(92, state.width - 6))
        func lines(_ text: String, _ width: Int) -> Int {
            text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { $0 + 1 + TextMetrics.width(String($1)) / width }
        }
        let height = state.height - 3
        var keys = KeyHelp.text(for: state)
        var width = 96
        if lines(keys, room) > height, state.width >= 2 * 52 + 8 {
            let column = min(70, (state.width - 9) / 2)
            keys = Self.twoColumns(KeyHelp.text(for: state, width: column), width: column)
            width = 2 * column + 7
        }
        let description = state.scenario.description
        guard !description.isEmpty else { return (keys, width) }
        let textWidth = width - 4
        let about = "\(state.scenario.name)\n\(description)\n\n"
        return (lines(about, textWidth) + lines(keys, textWidth) + 1 <= height ? about + keys : keys, width)
    }

    /// Text set in two columns side by side, split at the blank line nearest the middle.
    static func twoColumns(_ text: String, width: Int) -> String {
        // Lines still wider than a column (the closing paragraph, a long claim) wrap inside it.
        let rows = text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            TextMetrics.width(String(line)) <= width ? [String(line)] : TextBlock.wrap(String(line), width: width)
        }
        let breaks = rows.indices.filter { rows[$0].isEmpty }
        let split = breaks.min { abs($0 - rows.count / 2) < abs($1 - rows.count / 2) } ?? rows.count / 2
        let left = Array(rows[..<split]), right = Array(rows[(split + 1 < rows.count ? split + 1 : split)...])
        return (0..<max(left.count, right.count)).map { index in
            let a = index < left.count ? left[index] : ""
            let b = index < right.count ? right[index] : ""
            return a + String(repeating: " ", count: max(0, width - TextMetrics.width(a))) + "   " + b
        }.joined(separator: "\n")
    }

    private func renderTooSmall(_ state: AppState, into canvas: inout Canvas) {
        let lines = [
            "terminal too small: \(state.width)x\(state.height)",
            "descent needs at least \(ScreenLayout.minimumWidth)x\(ScreenLayout.minimumHeight)",
            "enlarge the window, or press q to quit",
        ]
        let top = max(0, (state.height - lines.count) / 2)
        for (row, line) in lines.enumerated() {
            let shown = TextMetrics.truncate(line, to: state.width)
            let x = max(0, (state.width - TextMetrics.width(shown)) / 2)
            canvas.write(shown, x: x, y: top + row, style: row == 0 ? .bold : .plain)
        }
    }
}
