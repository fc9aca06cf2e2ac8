/// The effective learning rates an optimizer keeps: one per coordinate, per block, or one in all.
///
/// This is the point of Adam-mini made visible: Adam keeps n step sizes for n parameters,
/// Adam-mini one per block, GD a single one.
///
/// The step sizes are eta, the diagonal of P in the update p -= P m: those of the update that
/// produced the current point, with t the number of updates taken and the state as that update
/// left it. GD, SGD, momentum, Nesterov: lr_t. AdaGrad: clr / (sqrt(sum_i) + eps) with
/// clr = lr / (1 + (t - 1) lr_decay). RMSprop: lr / (sqrt(sq_i) + eps), centered
/// lr / (sqrt(sq_i - ga_i^2) + eps). Adam, AdamW: lr_t / (sqrt(v_i / (1 - b2^t)) + eps) (vmax
/// under AMSGrad; no 1 / (1 - b1^t): the first moment counts as heavy-ball momentum). Adam-mini:
/// the same with v_b for every coordinate of block b. Block-GD: scale / lambda_max(H_b).
public struct StepSizeReport: Sendable, Equatable {
    /// Coordinates each step size applies to: contiguous groups in buffer order, unless
    /// `interleavedBlocks` says where each group's coordinates are.
    public var groupSizes: [Int]
    /// The effective step size of each group, e.g. lr / (sqrt(v_hat) + eps) for Adam.
    public var stepSizes: [Double]
    /// The block map whose blocks the groups are, when some of its blocks interleave (one block
    /// per column); nil when every group is a contiguous range.
    public var interleavedBlocks: BlockMap?

    /// Creates a report of contiguous groups; the two arrays must have the same length.
    public init(groupSizes: [Int], stepSizes: [Double]) {
        precondition(groupSizes.count == stepSizes.count, "one size per group")
        self.groupSizes = groupSizes
        self.stepSizes = stepSizes
    }

    /// Creates a report with one step size per block of `blocks`.
    public init(blocks: BlockMap, stepSizes: [Double]) {
        self.init(groupSizes: blocks.blockSizes, stepSizes: stepSizes)
        interleavedBlocks = blocks.isContiguous ? nil : blocks
    }

    /// The coordinates in group order (group 0's, then group 1's, ...) when the groups are not
    /// contiguous ranges; nil when they are (the order is then the buffer's).
    public var coordinatesInGroupOrder: [Int]? {
        interleavedBlocks?.coordinatesInBlockOrder
    }

    /// A single step size for every coordinate.
    public static func uniform(_ stepSize: Double, count: Int) -> StepSizeReport {
        StepSizeReport(groupSizes: [count], stepSizes: [stepSize])
    }

    /// How many learning rates the optimizer keeps.
    public var distinctLearningRates: Int { stepSizes.count }

    /// How many parameters they serve.
    public var parameterCount: Int { groupSizes.reduce(0, +) }

    /// The step size of every coordinate, in buffer order: the diagonal of P = diag(eta).
    public var perCoordinate: [Double] {
        if let interleavedBlocks {
            return interleavedBlocks.blockOfCoordinate.map { stepSizes[$0] }
        }
        var values: [Double] = []
        values.reserveCapacity(parameterCount)
        for (size, value) in zip(groupSizes, stepSizes) {
            values.append(contentsOf: repeatElement(value, count: size))
        }
        return values
    }
}
