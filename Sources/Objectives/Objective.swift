import OptimizerCore

/// A differentiable loss over a flat `Double` vector.
///
/// Values and derivatives are exact (analytic or forward-mode), never finite differences. Far
/// from the region of interest they may legitimately be huge or non-finite; implementations
/// compute and return them rather than trap.
public protocol Objective: Sendable {
    /// Number of parameters.
    var dimension: Int { get }
    /// The named tensors of the parameter vector: surfaces are one tensor "xy" of shape [2];
    /// a quadratic is "block0", "block1", ... one tensor per Hessian block (one "block0" if no blocks).
    var layout: ParameterLayout { get }
    /// f(x). Must not allocate.
    func value(at x: UnsafeBufferPointer<Double>) -> Double
    /// Writes the gradient into `gradient` and returns f(x). Must not allocate (hot path, called every optimizer step).
    func valueAndGradient(at x: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>) -> Double
    /// Exact Hessian at x.
    func hessian(at x: [Double]) -> Matrix
    /// The global minimum value when known (surfaces with known minima, quadratics: 0), else nil.
    var minimumValue: Double? { get }
    /// f − f_min as an exact quadratic, for objectives whose Hessian is the same everywhere
    /// (quadratics, matrix regressions); nil otherwise.
    var quadraticModel: Quadratic? { get }
}

extension Objective {
    /// nil: most objectives are not quadratic.
    public var quadraticModel: Quadratic? { nil }

    /// f(x) for an array.
    ///
    /// - Precondition: `x.count == dimension`.
    public func value(at x: [Double]) -> Double {
        precondition(x.count == dimension, "point has \(x.count) coordinates, objective needs \(dimension)")
        return x.withUnsafeBufferPointer { value(at: $0) }
    }

    /// ∇f(x) for an array.
    ///
    /// - Precondition: `x.count == dimension`.
    public func gradient(at x: [Double]) -> [Double] {
        valueAndGradient(at: x).gradient
    }

    /// f(x) and ∇f(x) for an array.
    ///
    /// - Precondition: `x.count == dimension`.
    public func valueAndGradient(at x: [Double]) -> (value: Double, gradient: [Double]) {
        precondition(x.count == dimension, "point has \(x.count) coordinates, objective needs \(dimension)")
        var gradient = [Double](repeating: 0, count: dimension)
        let value = x.withUnsafeBufferPointer { point in
            gradient.withUnsafeMutableBufferPointer { valueAndGradient(at: point, gradient: $0) }
        }
        return (value, gradient)
    }
}
