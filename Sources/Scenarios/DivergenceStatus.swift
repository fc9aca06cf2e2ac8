import Objectives

/// Whether an optimizer is running away, seen before and after its numbers stop being finite.
public enum DivergenceStatus: Sendable, Equatable {
    /// Nothing alarming.
    case healthy
    /// Still finite, but its loss gap has grown past `gapFactor` times where it started, or its
    /// point has left the view by more than `viewFactor` view widths.
    case diverging
    /// A value became non-finite at this step; the optimizer stopped there.
    case diverged(at: Int)

    /// How many times its starting loss gap an optimizer's gap may grow before it is diverging.
    public static let gapFactor = 1e3
    /// How many view widths (or heights) beyond the view a point may go before it is diverging.
    public static let viewFactor = 1e3

    /// Classifies one optimizer from its loss gap now and at step 0 (loss minus the known
    /// minimum, else the loss), its point and the view (2D problems), and where it diverged.
    public static func classify(startGap: Double, gap: Double, point: [Double]? = nil, view: ViewBox? = nil,
                                divergedAt: Int?) -> DivergenceStatus {
        if let divergedAt { return .diverged(at: divergedAt) }
        guard gap.isFinite else { return .diverging }
        // A start at the minimum has no gap to grow from; the view test still applies.
        if startGap > 0, startGap.isFinite, gap > gapFactor * startGap { return .diverging }
        if let point, let view, point.count == 2, isFar(point, from: view) { return .diverging }
        return .healthy
    }

    /// Whether it is diverging or has diverged.
    public var isRunningAway: Bool { self != .healthy }

    /// `diverging`, `diverged at step N`, or empty.
    public var text: String {
        switch self {
        case .healthy: ""
        case .diverging: "diverging"
        case .diverged(let step): "diverged at step \(step)"
        }
    }

    private static func isFar(_ point: [Double], from view: ViewBox) -> Bool {
        let dx = viewFactor * view.width, dy = viewFactor * view.height
        return !(point[0] >= view.x.lowerBound - dx && point[0] <= view.x.upperBound + dx
                 && point[1] >= view.y.lowerBound - dy && point[1] <= view.y.upperBound + dy)
    }
}
