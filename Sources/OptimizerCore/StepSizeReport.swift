/// The effective learning rates an optimizer keeps: one per coordinate, per block, or one in all.
///
/// This is the point of Adam-mini made visible: Adam keeps n step sizes for n parameters,
/// Adam-mini one per block, GD a single one.
public struct StepSizeReport: Sendable, Equatable {
    /// Coordinates each step size applies to, in buffer order.
    public var groupSizes: [Int]
    /// The effective step size of each group, e.g. lr / (sqrt(v_hat) + eps) for Adam.
    public var stepSizes: [Double]

    /// Creates a report; the two arrays must have the same length.
    public init(groupSizes: [Int], stepSizes: [Double]) {
        precondition(groupSizes.count == stepSizes.count, "one size per group")
        self.groupSizes = groupSizes
        self.stepSizes = stepSizes
    }

    /// A single step size for every coordinate.
    public static func uniform(_ stepSize: Double, count: Int) -> StepSizeReport {
        StepSizeReport(groupSizes: [count], stepSizes: [stepSize])
    }

    /// How many learning rates the optimizer keeps.
    public var distinctLearningRates: Int { stepSizes.count }

    /// How many parameters they serve.
    public var parameterCount: Int { groupSizes.reduce(0, +) }
}
