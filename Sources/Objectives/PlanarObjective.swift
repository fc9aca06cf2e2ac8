import OptimizerCore

/// An objective of the two variables (x, y) that can be drawn as a heatmap: the common face of
/// named surfaces and formula surfaces.
public protocol PlanarObjective: Objective {
    /// A short human title.
    var title: String { get }
    /// The region to draw.
    var viewBox: ViewBox { get }
    /// Where runs start unless told otherwise.
    var defaultStart: [Double] { get }
    /// Known minima to mark on the plot (may be empty).
    var minima: [[Double]] { get }
    /// Whether the heatmap should colour log(f − fmin + ε) because f spans many decades.
    var prefersLogColour: Bool { get }
    /// f(x, y) in plain doubles: the fast path for heatmaps.
    func value(x: Double, y: Double) -> Double
    /// f, ∇f and the Hessian at (x, y) in one exact forward-mode pass.
    func jet(x: Double, y: Double) -> Jet2
}

extension PlanarObjective {
    /// Two variables.
    public var dimension: Int { 2 }

    /// f at the first two coordinates.
    public func value(at x: UnsafeBufferPointer<Double>) -> Double {
        value(x: x[0], y: x[1])
    }

    /// Writes ∂f/∂x and ∂f/∂y and returns f.
    public func valueAndGradient(
        at x: UnsafeBufferPointer<Double>,
        gradient: UnsafeMutableBufferPointer<Double>
    ) -> Double {
        let result = jet(x: x[0], y: x[1])
        gradient[0] = result.dx
        gradient[1] = result.dy
        return result.value
    }

    /// The 2 × 2 Hessian.
    public func hessian(at x: [Double]) -> Matrix {
        precondition(x.count == 2, "a planar objective takes a point (x, y)")
        let result = jet(x: x[0], y: x[1])
        return Matrix(rows: 2, columns: 2, elements: [result.dxx, result.dxy, result.dxy, result.dyy])
    }
}

/// The layout of every planar objective: one tensor "xy" of shape [2].
let planarLayout = ParameterLayout([("xy", [2])])

extension PlanarObjective {
    /// One tensor "xy" of shape [2].
    public var layout: ParameterLayout { planarLayout }
}
