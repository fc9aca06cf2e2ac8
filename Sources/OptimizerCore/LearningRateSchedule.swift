import RealModule

/// A learning-rate schedule: a separate value that the caller applies between steps, never
/// baked into an optimizer.
public enum LearningRateSchedule: Codable, Sendable, Hashable {
    /// The base learning rate throughout.
    case constant
    /// Multiply by `gamma` every `stepSize` steps (torch StepLR).
    case step(stepSize: Int, gamma: Double)
    /// Cosine from the base rate down to `minimum` over `period` steps, then held at `minimum`
    /// (torch CosineAnnealingLR's closed form up to T_max).
    case cosine(period: Int, minimum: Double)
    /// Linear warmup from `startFactor` x base to base over `warmup` steps, then cosine down to
    /// `minimum` at step `total`.
    case warmupCosine(warmup: Int, total: Int, startFactor: Double, minimum: Double)

    /// The learning rate for the update that follows `completedSteps` updates.
    public func learningRate(base: Double, completedSteps t: Int) -> Double {
        switch self {
        case .constant:
            return base
        case let .step(stepSize, gamma):
            return base * Double.pow(gamma, Double(t / max(stepSize, 1)))
        case let .cosine(period, minimum):
            return Self.cosine(base: base, minimum: minimum, position: t, period: period)
        case let .warmupCosine(warmup, total, startFactor, minimum):
            if t < warmup {
                let factor = startFactor + (1 - startFactor) * Double(t) / Double(warmup)
                return base * factor
            }
            return Self.cosine(base: base, minimum: minimum, position: t - warmup, period: max(total - warmup, 1))
        }
    }

    /// The name used in scenario files and flags.
    public var name: String {
        switch self {
        case .constant: "constant"
        case .step: "step"
        case .cosine: "cosine"
        case .warmupCosine: "warmup-cosine"
        }
    }

    private static func cosine(base: Double, minimum: Double, position: Int, period: Int) -> Double {
        guard period > 0 else { return base }
        let progress = Double(min(position, period)) / Double(period)
        return minimum + (base - minimum) * (1 + Double.cos(Double.pi * progress)) / 2
    }
}
