/// Block-GD: gradient descent with one learning rate per block, lr_b = scale / lambda_max(H_b).
///
///     p_i <- p_i - (scale / lambda_max(H_b)) * g_i    for every coordinate i of block b
///
/// On a block-diagonal quadratic this is the ideal that Adam-mini approximates: each dense
/// Hessian block gets the largest safe step for its own curvature. eta_b = scale / lambda_max(H_b).
public enum BlockGD: CustomRule {
    public static let hyperparameters: [HyperparameterDescriptor] = [
        .init("scale", "per-block learning rate is scale / lambda_max(H_b)", .nonNegative, default: .real(1)),
    ]

    public static let variants = [OptimizerVariant("block-gd", "block-GD: one learning rate per Hessian block, scale / lambda_max")]
    public static let learningRateName = "scale"
    public static let adaptsStepSizes = false
    public static let needsHessian = true
    public static let partition: PartitionUse? = PartitionUse(usesNameRules: false, fallback: .hessianBlocks)
    public static func stabilityThreshold(_ h: Hyperparameters) -> Double { 2 }
    public static func weightDecay(_ h: Hyperparameters) -> WeightDecay { .none }

    public static func makeOptimizer<Scalar: OptimizerScalar>(_ build: OptimizerBuild, kind: OptimizerKind) throws(PartitionError) -> any Optimizer<Scalar> {
        let map = try build.blockMap(fallback: partition?.fallback)
        guard let values = build.curvatures?(map), values.count == map.blockCount else {
            throw .curvatureUnavailable("block-gd needs a problem with a fixed Hessian (type = \"quadratic\") to compute each block's lambda_max")
        }
        return BlockGDOptimizer<Scalar>(kind: kind, hyperparameters: build.hyperparameters, blockMap: map, curvatures: values)
    }
}

/// Block-GD over the coordinates a block map covers; it keeps no state but the step count.
struct BlockGDOptimizer<Scalar: OptimizerScalar>: RuleStateOptimizer {
    let kind: OptimizerKind
    var hyperparameters: Hyperparameters
    /// The blocks, usually the objective's Hessian blocks.
    let blockMap: BlockMap
    /// The largest Hessian eigenvalue of each block, in block order.
    let curvatures: [Double]
    /// No vectors: only the step count.
    var state: RuleState<Scalar>

    init(kind: OptimizerKind, hyperparameters: Hyperparameters, blockMap: BlockMap, curvatures: [Double]) {
        precondition(curvatures.count == blockMap.blockCount, "one curvature per block")
        self.kind = kind
        self.hyperparameters = hyperparameters
        self.blockMap = blockMap
        self.curvatures = curvatures
        state = RuleState([], layout: ParameterLayout([]))
    }

    /// The learning rate of block b.
    func blockLearningRate(_ b: Int) -> Double {
        curvatures[b] > 0 ? learningRate / curvatures[b] : 0
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    mutating func step(parameters: UnsafeMutableBufferPointer<Scalar>, gradients: UnsafeBufferPointer<Scalar>) {
        precondition(parameters.count == blockMap.count && gradients.count == blockMap.count,
                     "buffer length differs from the block map")
        state.step += 1
        guard let p = parameters.baseAddress, let g = gradients.baseAddress else { return }
        var blockIndex = 0
        for run in blockMap.runs {
            for b in 0..<run.blockCount {
                let negativeLR = Scalar(-blockLearningRate(blockIndex))
                for k in 0..<run.blockSize {
                    let i = run.element(k, ofBlock: b)
                    p[i] = p[i] + negativeLR * g[i]
                }
                blockIndex += 1
            }
        }
    }

    func stepSizes() -> StepSizeReport {
        StepSizeReport(blocks: blockMap, stepSizes: (0..<curvatures.count).map(blockLearningRate))
    }

    mutating func reset() {
        state.step = 0
    }
}

extension OptimizerKind {
    /// One learning rate per Hessian block, lr_b = scale / lambda_max(H_b): the ideal Adam-mini approximates.
    public static let blockGD = OptimizerKind(registered: "block-gd")
}
