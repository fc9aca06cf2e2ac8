import RealModule

/// Adam-mini (official 1.1.1 semantics): Adam with one second moment per block of the block map.
///
/// For each block b (coordinates i in b), with t the step:
///
///     if wd > 0 and the block decays: p <- p * (1 - lr * wd)
///     m_i <- lerp(m_i, g_i, 1 - b1)                        (m has one element per parameter)
///     v_b <- b2 * v_b + (1 - b2) * mean_{i in b}(g_i^2)    (one number per block)
///     p_i <- p_i - lr * m_i * (1 / (1 - b1^t)) / (sqrt(v_b) / sqrt(1 - b2^t) + eps)
///
/// The kernel reads nothing but the block map's runs: which tensor is a head, a row or a norm is
/// decided when the map is built (`PartitionStrategy`), never here.
public struct AdamMini<Scalar: OptimizerScalar>: Optimizer {
    /// The optimizer's state: a full-size first moment and one second moment per block.
    public struct State: Codable, Sendable, Equatable {
        /// Updates taken.
        public var step: Int = 0
        /// First moment m, one element per parameter.
        public var m: [Scalar]
        /// Second moment, one element per block.
        public var blockV: [Scalar]
    }

    public var kind: OptimizerKind { .adamMini }
    /// The hyperparameters in their typed form.
    public var settings: AdamMiniHyperparameters
    /// Which coordinates share a second moment.
    public let blockMap: BlockMap
    /// The state, readable for plots and checkpoints.
    public var state: State
    /// The block map cut into pieces of whole blocks that threads share out.
    private let chunks: [AdamMiniKernel.BlockChunk]
    /// First element of each chunk, for balancing threads by elements.
    private let chunkStarts: [Int]

    /// Creates the optimizer over the coordinates the block map covers.
    public init(settings: AdamMiniHyperparameters, blockMap: BlockMap) {
        self.settings = settings
        self.blockMap = blockMap
        chunks = AdamMiniKernel.BlockChunk.chunks(of: blockMap)
        chunkStarts = chunks.map(\.offset)
        state = State(m: [Scalar](repeating: 0, count: blockMap.count),
                      blockV: [Scalar](repeating: 0, count: blockMap.blockCount))
    }

    public var hyperparameters: Hyperparameters { .adamMini(settings) }
    public var learningRate: Double {
        get { settings.lr }
        set { settings.lr = newValue }
    }
    public var stepCount: Int { state.step }
    public var stateElementCount: Int { state.m.count + state.blockV.count }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func step(parameters: UnsafeMutableBufferPointer<Scalar>, gradients: UnsafeBufferPointer<Scalar>) {
        precondition(parameters.count == blockMap.count && gradients.count == blockMap.count,
                     "buffer length differs from the block map")
        state.step += 1
        guard blockMap.count > 0 else { return }
        let t = Double(state.step)
        let biasCorrection1 = 1 - Double.pow(settings.beta1, t)
        let biasCorrection2 = 1 - Double.pow(settings.beta2, t)
        let kernelSettings = AdamMiniKernel.Settings(
            oneMinusBeta1: Scalar(1 - settings.beta1), beta2: Scalar(settings.beta2),
            oneMinusBeta2: Scalar(1 - settings.beta2), eps: Scalar(settings.eps),
            bc2Sqrt: Scalar(biasCorrection2.squareRoot()), inverseBC1: Scalar(1 / biasCorrection1),
            negativeLR: Scalar(-settings.lr), negativeStepSize: Scalar(-(settings.lr / biasCorrection1)),
            decayFactor: Scalar(1 - settings.lr * settings.weightDecay), decayOn: settings.weightDecay > 0)
        let p = parameters.baseAddress!, g = gradients.baseAddress!
        let chunks = self.chunks, chunkStarts = self.chunkStarts, total = blockMap.count
        state.m.withUnsafeMutableBufferPointer { mPointer in
            state.blockV.withUnsafeMutableBufferPointer { vPointer in
                let m = mPointer.baseAddress!, v = vPointer.baseAddress!
                chunks.withUnsafeBufferPointer { chunkList in
                    chunkStarts.withUnsafeBufferPointer { starts in
                        let kernel = AdamMiniChunkKernel(chunks: chunkList, p: p, g: g, m: m, v: v, settings: kernelSettings)
                        Parallelism.forEachGroupRange(boundaries: starts, total: total, kernel)
                    }
                }
            }
        }
    }

    /// eta_b = lr_t / (sqrt(v_b / (1 - b2^t)) + eps) for every coordinate of block b; as for Adam,
    /// the first moment's 1 / (1 - b1^t) is part of the momentum, not of eta.
    public func stepSizes() -> StepSizeReport {
        let bc2 = 1 - Double.pow(settings.beta2, Double(max(state.step, 1)))
        let sizes = state.blockV.map { settings.lr / ((Double($0) / bc2).squareRoot() + settings.eps) }
        return StepSizeReport(groupSizes: blockMap.blockSizes, stepSizes: sizes)
    }

    public mutating func reset() {
        self = AdamMini(settings: settings, blockMap: blockMap)
    }

    public func stateVectors() -> OptimizerStateVectors<Scalar> {
        OptimizerStateVectors(step: state.step, vectors: [.init(name: "m", values: state.m), .init(name: "vmean", values: state.blockV)])
    }

    public mutating func restore(_ saved: OptimizerStateVectors<Scalar>) throws(OptimizerStateError) {
        try stateVectors().requireShape(of: saved)
        state.step = saved.step
        state.m = saved.vectors[0].values
        state.blockV = saved.vectors[1].values
    }
}
