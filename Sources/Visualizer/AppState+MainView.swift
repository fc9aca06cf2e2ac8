import Objectives
import Rendering

extension AppState {
    /// Shows the next of the problem's main views (`v`).
    mutating func cycleMainView() {
        let views = mainViews
        guard let index = views.firstIndex(of: mainView) else {
            mainView = views[0]
            return
        }
        mainView = views[(index + 1) % views.count]
        notice = "main view: \(mainView.rawValue) · v for the next (\(views.map(\.rawValue).joined(separator: ", ")))"
    }

    /// Shows `view` in the main panel when the problem offers it; returns whether it does.
    @discardableResult
    public mutating func show(_ view: PanelView) -> Bool {
        guard mainViews.contains(view) else { return false }
        mainView = view
        return true
    }

    /// Sets how the Hessian's entries become colours (`descent render --hessian-scale`).
    public mutating func setHessianScale(_ scale: SignedScaleKind) {
        hessianScale = scale
    }

    /// Whether pan and zoom keys act on the Hessian matrix rather than on the surface.
    var pansMatrix: Bool {
        guard mainView == .hessian else { return false }
        if scenario.problem.quadraticModel != nil { return true }
        return networkTensorGeometry != nil
    }

    /// Where the main panel's Hessian is drawn now, for panning by a fraction of what is shown.
    var matrixGeometry: MatrixGeometry? {
        guard pansMatrix else { return nil }
        if let geometry = networkTensorGeometry { return geometry }
        guard let quadratic = scenario.problem.quadraticModel else { return nil }
        let rect = HessianPanel.matrixRect(in: layout.main)
        return HessianPanel.heatmap(quadratic, state: self, isMain: true).geometry(width: rect.width, height: rect.height)
    }

    /// Pans the matrix by a fraction of the shown window (positive: right, down).
    mutating func panMatrix(across dx: Double, down dy: Double) {
        guard let geometry = matrixGeometry else { return }
        matrixZoom = geometry.panned(byFractionAcross: dx, down: dy)
    }

    /// Zooms the matrix one level in or out around the centre of what is shown.
    mutating func zoomMatrix(in zoomIn: Bool) {
        guard let geometry = matrixGeometry else { return }
        matrixZoom = geometry.zoomed(in: zoomIn)
        if let after = matrixGeometry {
            // Clamp to what the panel can show, so the next key acts on what is on screen.
            matrixZoom = after.zoom
            let resolution = after.pixelRun == 1 && after.entryRun > 1 ? "\(after.entryRun)x\(after.entryRun) entries per pixel"
                : after.entryRun == 1 && after.pixelRun > 1 ? "\(after.pixelRun)x\(after.pixelRun) pixels per entry"
                : after.entryRun == after.pixelRun ? "one entry per pixel" : "\(after.pixelRun) pixels per \(after.entryRun) entries"
            notice = "Hessian zoom: \(resolution)"
        }
    }
}
