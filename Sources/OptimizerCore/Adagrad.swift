/// torch.optim.Adagrad.
///
///     g <- g + wd * p
///     clr = lr / (1 + (t - 1) * lr_decay)
///     sum <- sum + g * g
///     p <- p - clr * g / (sqrt(sum) + eps)
public struct Adagrad<Scalar: OptimizerScalar>: Optimizer {
    /// The optimizer's state: the running sum of squared gradients.
    public struct State: Codable, Sendable, Equatable {
        /// Updates taken.
        public var step: Int = 0
        /// Sum of squared gradients, starting at `initial_accumulator_value`.
        public var sum: [Scalar]
    }

    public var kind: OptimizerKind { .adagrad }
    /// The hyperparameters in their typed form.
    public var settings: AdagradHyperparameters
    /// The state, readable for plots and checkpoints.
    public var state: State
    private let count: Int

    /// Creates the optimizer for `count` parameters.
    public init(settings: AdagradHyperparameters, count: Int) {
        self.settings = settings
        self.count = count
        state = State(sum: [Scalar](repeating: Scalar(settings.initialAccumulatorValue), count: count))
    }

    public var hyperparameters: Hyperparameters { .adagrad(settings) }
    public var learningRate: Double {
        get { settings.lr }
        set { settings.lr = newValue }
    }
    public var stepCount: Int { state.step }
    public var stateElementCount: Int { count }

    private var currentLR: Double {
        settings.lr / (1 + Double(max(state.step - 1, 0)) * settings.lrDecay)
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func step(parameters: UnsafeMutableBufferPointer<Scalar>, gradients: UnsafeBufferPointer<Scalar>) {
        precondition(parameters.count == count && gradients.count == count, "buffer length differs from the layout")
        state.step += 1
        guard count > 0 else { return }
        let negativeCLR = Scalar(-currentLR)
        let wd = Scalar(settings.weightDecay), hasDecay = settings.weightDecay != 0, eps = Scalar(settings.eps)
        let p = parameters.baseAddress!, g = gradients.baseAddress!, n = count
        state.sum.withUnsafeMutableBufferPointer { sumPointer in
            let sum = sumPointer.baseAddress!
            Parallelism.forEachSlice(count: n, AdagradKernel(p: p, g: g, sum: sum, negativeCLR: negativeCLR,
                                                            weightDecay: wd, hasDecay: hasDecay, eps: eps))
        }
    }

    /// eta_i = clr / (sqrt(sum_i) + eps), with the clr the last update used (t - 1 decays).
    public func stepSizes() -> StepSizeReport {
        let clr = currentLR
        let sizes = state.sum.map { clr / (Double($0).squareRoot() + settings.eps) }
        return StepSizeReport(groupSizes: Array(repeating: 1, count: count), stepSizes: sizes)
    }

    public mutating func reset() {
        self = Adagrad(settings: settings, count: count)
    }

    public func stateVectors() -> OptimizerStateVectors<Scalar> {
        OptimizerStateVectors(step: state.step, vectors: [.init(name: "sum", values: state.sum)])
    }

    public mutating func restore(_ saved: OptimizerStateVectors<Scalar>) throws(OptimizerStateError) {
        try stateVectors().requireShape(of: saved)
        state.step = saved.step
        state.sum = saved.vectors[0].values
    }
}
