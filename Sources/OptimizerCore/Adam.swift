import RealModule

/// torch.optim.Adam and AdamW, with AMSGrad.
///
///     adamw: p <- p * (1 - lr * wd)        adam: g <- g + wd * p
///     m <- lerp(m, g, 1 - b1);  v <- b2 * v + (1 - b2) * g * g
///     amsgrad: vmax <- max(vmax, v), used in place of v below
///     p <- p - (lr / (1 - b1^t)) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
///
/// Bias corrections are computed in double precision for both scalar types, as torch does.
public struct Adam<Scalar: OptimizerScalar>: Optimizer {
    /// The optimizer's state.
    public struct State: Codable, Sendable, Equatable {
        /// Updates taken.
        public var step: Int = 0
        /// First moment m.
        public var m: [Scalar]
        /// Second moment v.
        public var v: [Scalar]
        /// Running maximum of v (AMSGrad only, else empty).
        public var vMax: [Scalar]
    }

    public var kind: OptimizerKind { settings.decoupledWeightDecay ? .adamw : .adam }
    /// The hyperparameters in their typed form.
    public var settings: AdamHyperparameters
    /// The state, readable for plots and checkpoints.
    public var state: State
    private let count: Int

    /// Creates the optimizer for `count` parameters.
    public init(settings: AdamHyperparameters, count: Int) {
        self.settings = settings
        self.count = count
        let zeros = [Scalar](repeating: 0, count: count)
        state = State(m: zeros, v: zeros, vMax: settings.amsgrad ? zeros : [])
    }

    public var hyperparameters: Hyperparameters { .adam(settings) }
    public var learningRate: Double {
        get { settings.lr }
        set { settings.lr = newValue }
    }
    public var stepCount: Int { state.step }
    public var stateElementCount: Int { state.m.count + state.v.count + state.vMax.count }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func step(parameters: UnsafeMutableBufferPointer<Scalar>, gradients: UnsafeBufferPointer<Scalar>) {
        precondition(parameters.count == count && gradients.count == count, "buffer length differs from the layout")
        state.step += 1
        guard count > 0 else { return }
        let t = Double(state.step)
        let biasCorrection1 = 1 - Double.pow(settings.beta1, t)
        let biasCorrection2 = 1 - Double.pow(settings.beta2, t)
        let coefficients = AdamCoefficients<Scalar>(
            negativeStepSize: Scalar(-(settings.lr / biasCorrection1)),
            biasCorrection2Sqrt: Scalar(biasCorrection2.squareRoot()),
            oneMinusBeta1: Scalar(1 - settings.beta1),
            beta2: Scalar(settings.beta2),
            oneMinusBeta2: Scalar(1 - settings.beta2),
            eps: Scalar(settings.eps))
        let hasDecay = settings.weightDecay != 0
        let kernelSettings = AdamKernel<Scalar>.Settings(
            coefficients: coefficients, l2: Scalar(settings.weightDecay),
            decayFactor: Scalar(1 - settings.lr * settings.weightDecay),
            hasL2: hasDecay && !settings.decoupledWeightDecay, hasDecoupled: hasDecay && settings.decoupledWeightDecay)
        let amsgrad = settings.amsgrad
        let p = parameters.baseAddress!, g = gradients.baseAddress!, n = count
        state.m.withUnsafeMutableBufferPointer { m in
            state.v.withUnsafeMutableBufferPointer { v in
                state.vMax.withUnsafeMutableBufferPointer { vMax in
                    let buffers = AdamKernel<Scalar>.Buffers(p: p, g: g, m: m.baseAddress!, v: v.baseAddress!,
                                                     vMax: amsgrad ? vMax.baseAddress : nil)
                    Parallelism.forEachSlice(count: n, AdamKernel(b: buffers, s: kernelSettings))
                }
            }
        }
    }

    /// eta_i = lr_t / (sqrt(v_i / (1 - b2^t)) + eps), with vmax under AMSGrad.
    ///
    /// The factor 1 / (1 - b1^t) of the update is left out on purpose: the first moment is read as
    /// heavy-ball momentum with dampening b1 (whose stability threshold is (2 + 2 b1) / (1 - b1)),
    /// so eta is what multiplies it.
    public func stepSizes() -> StepSizeReport {
        let bc2 = 1 - Double.pow(settings.beta2, Double(max(state.step, 1)))
        let second = settings.amsgrad ? state.vMax : state.v
        let sizes = second.map { settings.lr / ((Double($0) / bc2).squareRoot() + settings.eps) }
        return StepSizeReport(groupSizes: Array(repeating: 1, count: count), stepSizes: sizes)
    }

    public mutating func reset() {
        self = Adam(settings: settings, count: count)
    }

    public func stateVectors() -> OptimizerStateVectors<Scalar> {
        OptimizerStateVectors(step: state.step, vectors: [.init(name: "exp_avg", values: state.m), .init(name: "exp_avg_sq", values: state.v), .init(name: "max_exp_avg_sq", values: state.vMax)])
    }

    public mutating func restore(_ saved: OptimizerStateVectors<Scalar>) throws(OptimizerStateError) {
        try stateVectors().requireShape(of: saved)
        state.step = saved.step
        state.m = saved.vectors[0].values
        state.v = saved.vectors[1].values
        state.vMax = saved.vectors[2].values
    }
}

/// Per-step constants of an Adam update, rounded to the scalar type once per step.
struct AdamCoefficients<Scalar: OptimizerScalar> {
    let negativeStepSize: Scalar
    let biasCorrection2Sqrt: Scalar
    let oneMinusBeta1: Scalar
    let beta2: Scalar
    let oneMinusBeta2: Scalar
    let eps: Scalar
}
