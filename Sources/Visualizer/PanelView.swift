/// What a panel shows. The main panel cycles through the views its problem offers (`v`); the
/// column beside it shows the problem's other panels.
public enum PanelView: String, Sendable, CaseIterable {
    /// A 2-D loss surface with the paths.
    case surface
    /// The Hessian heatmap with blocks and partition outlined.
    case hessian
    /// Per-block errors e_b(t) of the selected optimizer against step.
    case errors
    /// An N-D problem's slice through the start along two eigenvectors.
    case slice
    /// Every visible optimizer's step sizes on one log axis over the parameter index.
    case rates
    /// The selected optimizer's preconditioned spectrum and sharpness against step.
    case curvature
    /// Loss against step.
    case loss
    /// The Hessian's spectrum block by block and the JS distances between the blocks' densities.
    case spectrum

    /// Whether this view draws the surface plane (and so takes clicks as start points).
    public var drawsPlane: Bool { self == .surface || self == .slice }

    /// How far a panel of this view stretches compared with its neighbours in the side column.
    var sideWeight: Double {
        switch self {
        case .hessian: 1.15
        case .curvature: 1.2
        case .rates: 1
        default: 1
        }
    }
}

/// Which panels a problem offers: its main views in cycling order, and the side column's panels.
public enum ProblemPanels {
    /// Main views of a 2-D surface, an N-D problem with an exact Hessian, and a network.
    public static func mainViews(planar: Bool, network: Bool) -> [PanelView] {
        if network { return [.loss, .hessian, .rates, .spectrum] }
        return planar ? [.surface, .rates, .curvature] : [.hessian, .errors, .slice, .rates, .curvature, .spectrum]
    }

    /// The side column beside `main`: every panel of the problem that is not the main one.
    public static func sideViews(main: PanelView, planar: Bool, network: Bool) -> [PanelView] {
        let all: [PanelView]
        if network {
            all = [.loss, .hessian, .rates]
        } else if planar {
            all = [.hessian, .loss, .rates, .curvature]
        } else {
            // The Hessian is the point of an N-D problem: it stays beside the other main views.
            all = [.hessian, .loss, .rates, .curvature]
        }
        return all.filter { $0 != main }
    }
}
