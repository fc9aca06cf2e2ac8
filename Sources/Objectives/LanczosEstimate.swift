/// A Lanczos estimate of the largest eigenvalue of a symmetric operator.
public struct LanczosEstimate: Sendable, Equatable {
    /// The largest Ritz value; never above the true lambda_max (up to rounding).
    public let value: Double
    /// ‖A u − value · u‖ for the unit Ritz vector u: some eigenvalue lies within it of `value`.
    public let residual: Double
    /// Lanczos iterations taken (one operator application each, plus one for the residual).
    public let iterations: Int
    /// Whether the stopping test was met (or the Krylov space became invariant, or spanned
    /// everything) before the iteration bound.
    public let converged: Bool
}
