/// Block-GD: gradient descent with one learning rate per block, lr_b = scale / lambda_max(H_b).
///
/// On a block-diagonal quadratic this is the ideal that Adam-mini approximates: each dense
/// Hessian block gets the largest safe step for its own curvature.
public struct BlockGD<Scalar: OptimizerScalar>: Optimizer {
    public var kind: OptimizerKind { .blockGD }
    /// The hyperparameters in their typed form.
    public var settings: BlockGDHyperparameters
    /// The blocks, usually the objective's Hessian blocks.
    public let blockMap: BlockMap
    /// The largest Hessian eigenvalue of each block, in block order.
    public let curvatures: [Double]
    private var steps = 0

    /// Creates the optimizer; `curvatures` has one positive value per block.
    public init(settings: BlockGDHyperparameters, blockMap: BlockMap, curvatures: [Double]) {
        precondition(curvatures.count == blockMap.blockCount, "one curvature per block")
        self.settings = settings
        self.blockMap = blockMap
        self.curvatures = curvatures
    }

    public var hyperparameters: Hyperparameters { .blockGD(settings) }
    public var learningRate: Double {
        get { settings.scale }
        set { settings.scale = newValue }
    }
    public var stepCount: Int { steps }
    public var stateElementCount: Int { 0 }

    /// The learning rate of block b.
    public func blockLearningRate(_ b: Int) -> Double {
        curvatures[b] > 0 ? settings.scale / curvatures[b] : 0
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func step(parameters: UnsafeMutableBufferPointer<Scalar>, gradients: UnsafeBufferPointer<Scalar>) {
        precondition(parameters.count == blockMap.count && gradients.count == blockMap.count,
                     "buffer length differs from the block map")
        steps += 1
        let p = parameters.baseAddress!, g = gradients.baseAddress!
        var blockIndex = 0
        for run in blockMap.runs {
            for b in 0..<run.blockCount {
                let negativeLR = Scalar(-blockLearningRate(blockIndex))
                let start = run.offset + b * run.blockSize
                for i in start..<(start + run.blockSize) {
                    p[i] = p[i] + negativeLR * g[i]
                }
                blockIndex += 1
            }
        }
    }

    public func stepSizes() -> StepSizeReport {
        StepSizeReport(groupSizes: blockMap.blockSizes, stepSizes: (0..<curvatures.count).map(blockLearningRate))
    }

    public mutating func reset() {
        steps = 0
    }

    public func stateVectors() -> OptimizerStateVectors<Scalar> {
        OptimizerStateVectors(step: steps, vectors: [])
    }

    public mutating func restore(_ saved: OptimizerStateVectors<Scalar>) throws(OptimizerStateError) {
        try stateVectors().requireShape(of: saved)
        steps = saved.step
    }
}
