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

    /// Creates the optimizer over the coordinates the block map covers.
    public init(settings: AdamMiniHyperparameters, blockMap: BlockMap) {
        self.settings = settings
        self.blockMap = blockMap
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
        let t = Double(state.step)
        let biasCorrection1 = 1 - Double.pow(settings.beta1, t)
        let biasCorrection2 = 1 - Double.pow(settings.beta2, t)
        let inverseBC1 = Scalar(1 / biasCorrection1)
        let bc2Sqrt = Scalar(biasCorrection2.squareRoot())
        let oneMinusBeta1 = Scalar(1 - settings.beta1)
        let beta2 = Scalar(settings.beta2), oneMinusBeta2 = Scalar(1 - settings.beta2)
        let eps = Scalar(settings.eps)
        let negativeLR = Scalar(-settings.lr)
        let decayFactor = Scalar(1 - settings.lr * settings.weightDecay)
        let decayOn = settings.weightDecay > 0
        let p = parameters.baseAddress!, g = gradients.baseAddress!
        let runs = blockMap.runs
        state.m.withUnsafeMutableBufferPointer { mPointer in
            state.blockV.withUnsafeMutableBufferPointer { vPointer in
                let m = mPointer.baseAddress!, v = vPointer.baseAddress!
                var blockIndex = 0
                for run in runs {
                    let decays = decayOn && run.decays
                    let size = run.blockSize
                    let inverseSize = 1 / Double(size)
                    for b in 0..<run.blockCount {
                        let start = run.offset + b * size
                        var sumOfSquares = 0.0
                        for i in start..<(start + size) {
                            let d = Double(g[i])
                            sumOfSquares += d * d
                        }
                        let meanSquare = Scalar(sumOfSquares * inverseSize)
                        v[blockIndex] = v[blockIndex] * beta2 + oneMinusBeta2 * meanSquare
                        let h = v[blockIndex].squareRoot() / bc2Sqrt + eps
                        let stepSize = inverseBC1 / h
                        for i in start..<(start + size) {
                            if decays { p[i] = p[i] * decayFactor }
                            m[i] = Lerp.torch(m[i], g[i], weight: oneMinusBeta1)
                            p[i] = p[i] + negativeLR * (m[i] * stepSize)
                        }
                        blockIndex += 1
                    }
                }
            }
        }
    }

    public func stepSizes() -> StepSizeReport {
        let t = Double(max(state.step, 1))
        let bc1 = 1 - Double.pow(settings.beta1, t), bc2 = 1 - Double.pow(settings.beta2, t)
        let sizes = state.blockV.map { (settings.lr / bc1) / ((Double($0) / bc2).squareRoot() + settings.eps) }
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
