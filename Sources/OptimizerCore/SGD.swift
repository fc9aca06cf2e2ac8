/// torch.optim.SGD: plain GD, heavy-ball momentum, Nesterov, dampening and L2 weight decay.
///
/// With wd the weight decay, mu the momentum, tau the dampening:
///
///     g <- g + wd * p
///     buf <- (t == 1) ? g : mu * buf + (1 - tau) * g        (only when mu != 0)
///     g <- nesterov ? g + mu * buf : buf
///     p <- p - lr * g
public struct SGD<Scalar: OptimizerScalar>: Optimizer {
    /// The optimizer's state: the momentum buffer (empty when momentum is 0).
    public struct State: Codable, Sendable, Equatable {
        /// Updates taken.
        public var step: Int = 0
        /// The momentum buffer, one element per parameter.
        public var momentumBuffer: [Scalar]
    }

    public let kind: OptimizerKind
    /// The hyperparameters in their typed form.
    public var settings: SGDHyperparameters
    /// The state, readable for plots and checkpoints.
    public var state: State
    private let count: Int

    /// Creates the optimizer for `count` parameters; `kind` is gd, sgd, momentum or nesterov.
    public init(kind: OptimizerKind = .sgd, settings: SGDHyperparameters, count: Int) {
        self.kind = kind
        self.settings = settings
        self.count = count
        state = State(momentumBuffer: settings.momentum != 0 ? [Scalar](repeating: 0, count: count) : [])
    }

    public var hyperparameters: Hyperparameters { .sgd(settings) }
    public var learningRate: Double {
        get { settings.lr }
        set { settings.lr = newValue }
    }
    public var stepCount: Int { state.step }
    public var stateElementCount: Int { state.momentumBuffer.count }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func step(parameters: UnsafeMutableBufferPointer<Scalar>, gradients: UnsafeBufferPointer<Scalar>) {
        precondition(parameters.count == count && gradients.count == count, "buffer length differs from the layout")
        state.step += 1
        guard count > 0 else { return }
        let settings = SGDKernel<Scalar>.Settings(
            negativeLR: Scalar(-self.settings.lr), weightDecay: Scalar(self.settings.weightDecay),
            hasDecay: self.settings.weightDecay != 0, momentum: Scalar(self.settings.momentum),
            keep: Scalar(1 - self.settings.dampening), firstStep: state.step == 1, nesterov: self.settings.nesterov)
        let p = parameters.baseAddress!, g = gradients.baseAddress!, n = count
        guard self.settings.momentum != 0 else {
            Parallelism.forEachSlice(count: n, SGDKernel(p: p, g: g, buffer: nil, s: settings))
            return
        }
        state.momentumBuffer.withUnsafeMutableBufferPointer { buffer in
            Parallelism.forEachSlice(count: n, SGDKernel(p: p, g: g, buffer: buffer.baseAddress!, s: settings))
        }
    }

    /// eta = lr for every coordinate: the rate the last update used (the caller sets each
    /// update's scheduled rate just before it).
    public func stepSizes() -> StepSizeReport {
        .uniform(settings.lr, count: count)
    }

    public mutating func reset() {
        self = SGD(kind: kind, settings: settings, count: count)
    }

    public func stateVectors() -> OptimizerStateVectors<Scalar> {
        OptimizerStateVectors(step: state.step, vectors: [.init(name: "momentum_buffer", values: state.momentumBuffer)])
    }

    public mutating func restore(_ saved: OptimizerStateVectors<Scalar>) throws(OptimizerStateError) {
        try stateVectors().requireShape(of: saved)
        state.step = saved.step
        state.momentumBuffer = saved.vectors[0].values
    }
}
