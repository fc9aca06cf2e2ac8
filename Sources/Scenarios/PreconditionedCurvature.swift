import Objectives
import OptimizerCore

/// The spectrum that decides whether, and how fast, an optimizer converges on a quadratic: that of
/// P^1/2 H P^1/2, with P = diag(eta) the step sizes of its last update and H the Hessian where it
/// stands, next to the spectrum of H itself and the optimizer's stability threshold.
///
/// The step is p -= P m, m the gradient or its momentum; on a quadratic the error along each
/// eigenvector of P^1/2 H P^1/2 contracts by a factor set by its eigenvalue, and the iteration
/// diverges once lambda_max passes the threshold (the edge of stability). L2 weight decay adds to
/// H (see `WeightDecay.gradientTerm`).
public struct PreconditionedCurvature: Sendable, Equatable {
    /// Updates the optimizer had taken (t in the definition of eta).
    public let step: Int
    /// eta per coordinate: the diagonal of P.
    public let stepSizes: [Double]
    /// Eigenvalues of P^1/2 H P^1/2, ascending.
    public let eigenvalues: [Double]
    /// Eigenvalues of H (with L2 weight decay added), ascending.
    public let hessianEigenvalues: [Double]
    /// The optimizer family's stability threshold on lambda_max (`Hyperparameters.stabilityThreshold`).
    public let threshold: Double

    /// Creates a measurement from its parts (eigenvalue lists ascending and non-empty).
    public init(step: Int, stepSizes: [Double], eigenvalues: [Double], hessianEigenvalues: [Double], threshold: Double) {
        precondition(!eigenvalues.isEmpty && eigenvalues.count == stepSizes.count, "one eigenvalue per coordinate")
        self.step = step
        self.stepSizes = stepSizes
        self.eigenvalues = eigenvalues
        self.hessianEigenvalues = hessianEigenvalues
        self.threshold = threshold
    }

    /// The smallest eigenvalue of P^1/2 H P^1/2.
    public var lambdaMin: Double { eigenvalues[0] }
    /// The largest eigenvalue of P^1/2 H P^1/2: the preconditioned sharpness.
    public var lambdaMax: Double { eigenvalues[eigenvalues.count - 1] }
    /// lambda_max / lambda_min, or nil when lambda_min <= 0 (H not positive definite there, or a
    /// step size of 0).
    public var condition: Double? { lambdaMin > 0 ? lambdaMax / lambdaMin : nil }
    /// lambda_max / threshold: below 1 the iteration is stable on this quadratic, above 1 it is not.
    public var thresholdFraction: Double { lambdaMax / threshold }
    /// lambda_max / lambda_min of H, or nil when H is not positive definite.
    public var hessianCondition: Double? {
        guard let low = hessianEigenvalues.first, let high = hessianEigenvalues.last, low > 0 else { return nil }
        return high / low
    }

    /// Measures `optimizer` against `hessian` (the objective's Hessian at the optimizer's point).
    ///
    /// - Parameters:
    ///   - hessianEigenvalues: the eigenvalues of `hessian`, ascending, when already known (a
    ///     quadratic caches them); computed otherwise.
    /// - Returns: nil before an adaptive method's first update (it has no eta yet), or when eta or
    ///   H is not finite (a diverged optimizer).
    /// - Precondition: `hessian` is square with one row per parameter.
    public static func measure<Scalar>(optimizer: any Optimizer<Scalar>, hessian: Matrix,
                                       hessianEigenvalues: [Double]? = nil) -> PreconditionedCurvature? {
        guard let operand = PreconditionedOperand(optimizer: optimizer, hessian: hessian) else { return nil }
        let decay = operand.weightDecay
        let spectrum = hessianEigenvalues.map { $0.map { $0 + decay } } ?? operand.hessian.symmetricEigenvalues()
        return PreconditionedCurvature(step: optimizer.stepCount, stepSizes: operand.stepSizes,
                                       eigenvalues: operand.scaledMatrix().symmetricEigenvalues(),
                                       hessianEigenvalues: spectrum,
                                       threshold: optimizer.hyperparameters.stabilityThreshold)
    }

    /// lambda_max of P^1/2 H P^1/2 alone, by Lanczos (`Objectives.Lanczos`): cheap enough for every
    /// step of a sharpness history. Nil in the same cases as `measure`.
    public static func sharpness<Scalar>(optimizer: any Optimizer<Scalar>, hessian: Matrix,
                                         maximumIterations: Int = Lanczos.defaultMaximumIterations) -> PreconditionedSharpness? {
        guard let operand = PreconditionedOperand(optimizer: optimizer, hessian: hessian),
              let estimate = operand.largestEigenvalue(maximumIterations: maximumIterations) else { return nil }
        return PreconditionedSharpness(step: optimizer.stepCount, lambdaMax: estimate.value,
                                       threshold: optimizer.hyperparameters.stabilityThreshold, estimate: estimate)
    }
}
