/// torch.optim.RMSprop (no bias correction, as in torch).
///
///     g <- g + wd * p
///     sq <- alpha * sq + (1 - alpha) * g * g
///     centered: ga <- lerp(ga, g, 1 - alpha); avg = sqrt(sq - ga * ga) + eps   else avg = sqrt(sq) + eps
///     momentum > 0: buf <- momentum * buf + g / avg; p <- p - lr * buf   else p <- p - lr * g / avg
public struct RMSprop<Scalar: OptimizerScalar>: Optimizer {
    /// The optimizer's state; buffers that the settings do not use are empty.
    public struct State: Codable, Sendable, Equatable {
        /// Updates taken.
        public var step: Int = 0
        /// Running mean of g^2.
        public var squareAverage: [Scalar]
        /// Running mean of g (centered only).
        public var gradientAverage: [Scalar]
        /// Momentum buffer (momentum > 0 only).
        public var momentumBuffer: [Scalar]
    }

    public var kind: OptimizerKind { .rmsprop }
    /// The hyperparameters in their typed form.
    public var settings: RMSpropHyperparameters
    /// The state, readable for plots and checkpoints.
    public var state: State
    private let count: Int

    /// Creates the optimizer for `count` parameters.
    public init(settings: RMSpropHyperparameters, count: Int) {
        self.settings = settings
        self.count = count
        let zeros = [Scalar](repeating: 0, count: count)
        state = State(squareAverage: zeros,
                      gradientAverage: settings.centered ? zeros : [],
                      momentumBuffer: settings.momentum > 0 ? zeros : [])
    }

    public var hyperparameters: Hyperparameters { .rmsprop(settings) }
    public var learningRate: Double {
        get { settings.lr }
        set { settings.lr = newValue }
    }
    public var stepCount: Int { state.step }
    public var stateElementCount: Int {
        state.squareAverage.count + state.gradientAverage.count + state.momentumBuffer.count
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func step(parameters: UnsafeMutableBufferPointer<Scalar>, gradients: UnsafeBufferPointer<Scalar>) {
        precondition(parameters.count == count && gradients.count == count, "buffer length differs from the layout")
        state.step += 1
        guard count > 0 else { return }
        let settings = RMSpropKernel<Scalar>.Settings(
            negativeLR: Scalar(-self.settings.lr), weightDecay: Scalar(self.settings.weightDecay),
            hasDecay: self.settings.weightDecay != 0, alpha: Scalar(self.settings.alpha),
            oneMinusAlpha: Scalar(1 - self.settings.alpha), eps: Scalar(self.settings.eps),
            momentum: Scalar(self.settings.momentum))
        let p = parameters.baseAddress!, g = gradients.baseAddress!, n = count
        // An empty array can still have a base address: pass buffers only for settings that use them.
        let centered = self.settings.centered, hasMomentum = self.settings.momentum > 0
        withBuffers { sq, ga, buf in
            let buffers = RMSpropKernel<Scalar>.Buffers(p: p, g: g, squareAverage: sq, gradientAverage: centered ? ga : nil,
                                                momentumBuffer: hasMomentum ? buf : nil)
            Parallelism.forEachSlice(count: n, RMSpropKernel(b: buffers, s: settings))
        }
    }

    private mutating func withBuffers(
        _ body: (UnsafeMutablePointer<Scalar>, UnsafeMutablePointer<Scalar>?, UnsafeMutablePointer<Scalar>?) -> Void
    ) {
        state.squareAverage.withUnsafeMutableBufferPointer { sq in
            state.gradientAverage.withUnsafeMutableBufferPointer { ga in
                state.momentumBuffer.withUnsafeMutableBufferPointer { buf in
                    body(sq.baseAddress!, ga.baseAddress, buf.baseAddress)
                }
            }
        }
    }

    /// eta_i = lr / (sqrt(sq_i) + eps), centered lr / (sqrt(sq_i - ga_i^2) + eps): what multiplies
    /// the gradient, or the momentum buffer's input, in the update.
    public func stepSizes() -> StepSizeReport {
        let sizes = (0..<count).map { i -> Double in
            var variance = Double(state.squareAverage[i])
            if settings.centered { variance -= Double(state.gradientAverage[i]) * Double(state.gradientAverage[i]) }
            return settings.lr / (max(variance, 0).squareRoot() + settings.eps)
        }
        return StepSizeReport(groupSizes: Array(repeating: 1, count: count), stepSizes: sizes)
    }

    public mutating func reset() {
        self = RMSprop(settings: settings, count: count)
    }

    public func stateVectors() -> OptimizerStateVectors<Scalar> {
        OptimizerStateVectors(step: state.step, vectors: [.init(name: "square_avg", values: state.squareAverage), .init(name: "grad_avg", values: state.gradientAverage), .init(name: "momentum_buffer", values: state.momentumBuffer)])
    }

    public mutating func restore(_ saved: OptimizerStateVectors<Scalar>) throws(OptimizerStateError) {
        try stateVectors().requireShape(of: saved)
        state.step = saved.step
        state.squareAverage = saved.vectors[0].values
        state.gradientAverage = saved.vectors[1].values
        state.momentumBuffer = saved.vectors[2].values
    }
}
