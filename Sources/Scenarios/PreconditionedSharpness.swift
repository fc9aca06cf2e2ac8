import Objectives

/// lambda_max of P^1/2 H P^1/2 at one step, without the rest of the spectrum: one point of a
/// sharpness-against-step history, to draw against the threshold line.
public struct PreconditionedSharpness: Sendable, Equatable {
    /// Updates the optimizer had taken.
    public let step: Int
    /// The preconditioned sharpness.
    public let lambdaMax: Double
    /// The optimizer family's stability threshold (`Hyperparameters.stabilityThreshold`).
    public let threshold: Double
    /// How the Lanczos estimate converged (iterations, residual).
    public let estimate: LanczosEstimate

    /// lambda_max / threshold: past 1 the iteration is beyond the edge of stability.
    /// NaN where there is no threshold (infinite: steps of a fixed length).
    public var thresholdFraction: Double { threshold.isFinite ? lambdaMax / threshold : .nan }
}
