/// Adam-mini (official 1.1.1 semantics): Adam with one second moment per block of the block map.
///
/// For each block b (coordinates i in b), with t the step:
///
///     if weight_decay > 0 and the block decays: p.mul_(1 - lr * weight_decay)
///     m.lerp_(grad, 1 - beta1)                                   (m has one element per parameter)
///     vmean = beta2 * vmean + (1 - beta2) * mean(grad * grad)     (one number per block)
///     h = vmean.sqrt() / sqrt(1 - beta2 ** t) + eps
///     step_size = h.reciprocal() * (1 / (1 - beta1 ** t))
///     p.add_(m * step_size, alpha=-lr)
///
/// A block of one coordinate (the official bias rule) is exactly Adam and runs `Adam`'s update.
/// eta_b = lr / h_b for every coordinate of block b; as for Adam, 1 / (1 - b1^t) belongs to the
/// momentum, not to eta. The kernel reads nothing but the block map's runs: which tensor is a
/// head, a row or a norm is decided when the map is built (`PartitionStrategy`), never here.
public enum AdamMini: CustomRule {
    public static let hyperparameters: [HyperparameterDescriptor] = [
        .init("lr", "learning rate", .nonNegative, default: .real(1e-3)),
        .init("betas", "decay rates of the first and per-block second moments", .betas, default: .pair(0.9, 0.999)),
        .init("eps", "added to the denominator", .nonNegative, default: .real(1e-8)),
        .init("weight_decay", "decoupled weight decay (not for norm/ln/bias tensors)", .nonNegative, default: .real(0)),
    ]

    public static let variants = [OptimizerVariant("adam-mini", "Adam-mini: one second moment per block instead of per coordinate")]
    public static let adaptsStepSizes = true
    public static let partition: PartitionUse? = PartitionUse(usesNameRules: true)

    public static func stabilityThreshold(_ h: Hyperparameters) -> Double { firstMomentThreshold(h) }

    public static func weightDecay(_ h: Hyperparameters) -> WeightDecay { .decoupled(h.real("weight_decay")) }

    public static func makeOptimizer<Scalar: OptimizerScalar>(_ build: OptimizerBuild, kind: OptimizerKind) throws(PartitionError) -> any Optimizer<Scalar> {
        AdamMiniOptimizer<Scalar>(kind: kind, hyperparameters: build.hyperparameters, layout: build.layout,
                                  blockMap: try build.blockMap(fallback: partition?.fallback))
    }

    /// Adam's constants for a step: decoupled decay on blocks that decay, never AMSGrad.
    static func adam<Scalar>(_ h: Hyperparameters, step: Int, decays: Bool) -> Adam.Update<Scalar> {
        let (beta1, beta2) = h.pair("betas"), wd = h.real("weight_decay")
        return Adam.Update(lr: h.real("lr"), beta1: beta1, beta2: beta2, eps: h.real("eps"), step: step,
                           l2: 0, decoupled: decays && wd > 0 ? wd : 0, amsgrad: false)
    }
}

/// Adam-mini over the coordinates a block map covers.
struct AdamMiniOptimizer<Scalar: OptimizerScalar>: RuleStateOptimizer {
    let kind: OptimizerKind
    var hyperparameters: Hyperparameters
    /// Which coordinates share a second moment.
    let blockMap: BlockMap
    private let layout: ParameterLayout
    var state: RuleState<Scalar>
    /// The block map cut into pieces of whole blocks that threads share out.
    private let chunks: [AdamMiniChunk]
    /// Elements before each chunk, for balancing threads by work.
    private let chunkStarts: [Int]

    init(kind: OptimizerKind, hyperparameters: Hyperparameters, layout: ParameterLayout, blockMap: BlockMap) {
        precondition(layout.count == blockMap.count, "the block map covers another layout")
        self.kind = kind
        self.hyperparameters = hyperparameters
        self.layout = layout
        self.blockMap = blockMap
        chunks = AdamMiniChunk.chunks(of: blockMap)
        chunkStarts = AdamMiniChunk.workStarts(of: chunks)
        state = Self.initialState(layout, blockMap)
    }

    /// m per coordinate, one v per block.
    private static func initialState(_ layout: ParameterLayout, _ map: BlockMap) -> RuleState<Scalar> {
        RuleState([StateVectorSpec("m"), StateVectorSpec("vmean", .perBlock)], layout: layout, blocks: map.blockCount)
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    mutating func step(parameters: UnsafeMutableBufferPointer<Scalar>, gradients: UnsafeBufferPointer<Scalar>) {
        precondition(parameters.count == blockMap.count && gradients.count == blockMap.count,
                     "buffer length differs from the block map")
        state.step += 1
        guard blockMap.count > 0 else { return }
        let h = hyperparameters, t = state.step
        let decaying: Adam.Update<Scalar> = AdamMini.adam(h, step: t, decays: true)
        let plain: Adam.Update<Scalar> = AdamMini.adam(h, step: t, decays: false)
        let inverseBC1 = Scalar(1 / (1 - Double.pow(h.pair("betas").0, Double(t))))
        let negativeLR = Scalar(-h.real("lr"))
        let p = parameters.baseAddress!, g = gradients.baseAddress!
        let chunks = self.chunks, chunkStarts = self.chunkStarts, total = blockMap.count
        state.withPointers { pointers in
            chunks.withUnsafeBufferPointer { chunkList in
                chunkStarts.withUnsafeBufferPointer { starts in
                    let kernel = AdamMiniChunkKernel(chunks: chunkList, p: p, g: g, m: pointers[0], v: pointers[1],
                                                     decaying: decaying, plain: plain, inverseBC1: inverseBC1, negativeLR: negativeLR)
                    Parallelism.forEachGroupRange(boundaries: starts, total: total, kernel)
                }
            }
        }
    }

    /// eta_b = lr / (sqrt(v_b) / sqrt(1 - b2^t) + eps), Adam's denominator in double precision.
    func stepSizes() -> StepSizeReport {
        let adam: Adam.Update<Double> = AdamMini.adam(hyperparameters, step: max(state.step, 1), decays: false)
        let sizes = state.vector(1).map { (adam.lr / adam.denominator(ScalarLane(Double($0)))).value }
        return StepSizeReport(blocks: blockMap, stepSizes: sizes)
    }

    mutating func reset() {
        state = Self.initialState(layout, blockMap)
    }
}

extension OptimizerKind {
    /// Adam-mini: Adam with one second moment per block (official 1.1.1 semantics).
    public static let adamMini = OptimizerKind(registered: "adam-mini")
}
