/// A named standard 2D test surface (Rosenbrock, Himmelblau, ...) with its plotting region,
/// classic starting points and known minima.
///
/// Build one with `Surface.named(_:parameters:)`; `Surface.names` lists them all. Derivatives
/// are exact; where a surface is not differentiable a convention applies: Ackley's gradient at
/// the origin (a kink) is defined as 0.
public struct Surface: PlanarObjective, Equatable {
    /// The lookup name, e.g. "rosenbrock" or "six-hump-camel".
    public let name: String
    /// A human title, e.g. "Rosenbrock's banana".
    public let title: String
    /// One line on what the surface teaches.
    public let summary: String
    /// The region to draw.
    public let viewBox: ViewBox
    /// The classic starting point.
    public let defaultStart: [Double]
    /// Other instructive starting points.
    public let alternativeStarts: [[Double]]
    /// Known global minima to mark (empty when the surface has none).
    public let minima: [[Double]]
    /// The global minimum value, or nil for surfaces unbounded below or without a minimum.
    public let minimumValue: Double?
    /// Whether f spans so many decades that the heatmap should colour log(f − fmin + ε).
    public let prefersLogColour: Bool
    /// Every parameter of the surface with its value (defaults filled in); empty if it has none.
    public let parameters: [String: Double]

    let kind: SurfaceKind

    /// f(x, y) in plain doubles.
    public func value(x: Double, y: Double) -> Double {
        kind.evaluate(x, y)
    }

    /// f with its exact gradient and Hessian at (x, y).
    public func jet(x: Double, y: Double) -> Jet2 {
        kind.evaluate(Jet2.x(x), Jet2.y(y))
    }
}
