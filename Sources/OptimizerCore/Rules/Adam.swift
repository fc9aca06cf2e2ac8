/// torch.optim.Adam and AdamW, with AMSGrad (`_single_tensor_adam`):
///
///     if weight_decay != 0:
///         adamw: param.mul_(1 - lr * weight_decay)        adam: grad = grad.add(param, alpha=weight_decay)
///     exp_avg.lerp_(grad, 1 - beta1)
///     exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
///     bias_correction1 = 1 - beta1 ** step;  bias_correction2 = 1 - beta2 ** step
///     step_size = lr / bias_correction1
///     if amsgrad: torch.maximum(max_exp_avg_sqs, exp_avg_sq, out=max_exp_avg_sqs); v = max_exp_avg_sqs
///     else: v = exp_avg_sq
///     denom = (v.sqrt() / sqrt(bias_correction2)).add_(eps)
///     param.addcdiv_(exp_avg, denom, value=-step_size)
///
/// Bias corrections are computed in double precision for both scalar types, as torch does.
/// eta_i = lr / denom_i: the factor 1 / (1 - b1^t) is left out on purpose, the first moment being
/// read as heavy-ball momentum with dampening b1 (stability threshold (2 + 2 b1) / (1 - b1)).
public enum Adam: ElementwiseRule {
    public static let hyperparameters: [HyperparameterDescriptor] = [
        .init("lr", "learning rate", .nonNegative, default: .real(1e-3)),
        .init("betas", "decay rates of the first and second moments", .betas, default: .pair(0.9, 0.999)),
        .init("eps", "added to the denominator", .nonNegative, default: .real(1e-8)),
        .init("weight_decay", "weight decay (L2 for adam, decoupled for adamw; adamw default 0.01)", .nonNegative, default: .real(0)),
        .init("amsgrad", "use the running maximum of v", .flag, default: .flag(false)),
        .init("decoupled_weight_decay", "AdamW's decay p *= 1 - lr * wd instead of g += wd * p", .flag, default: .flag(false)),
    ]

    public static let variants = [
        OptimizerVariant("adam", "Adam: momentum + per-coordinate second moments, L2 weight decay",
                         fixed: ["decoupled_weight_decay": .flag(false)]),
        OptimizerVariant("adamw", "AdamW: Adam with decoupled weight decay",
                         defaults: ["weight_decay": .real(0.01)], fixed: ["decoupled_weight_decay": .flag(true)]),
    ]

    public static let adaptsStepSizes = true

    public static func stabilityThreshold(_ h: Hyperparameters) -> Double { firstMomentThreshold(h) }

    public static func weightDecay(_ h: Hyperparameters) -> WeightDecay { .chosen(by: h) }

    public enum State: Int, StateVectorName {
        case expAvg, expAvgSq, maxExpAvgSq
    }

    public static func stateVector(_ vector: State, _ h: Hyperparameters) -> StateVectorSpec {
        switch vector {
        case .expAvg: .init("exp_avg")
        case .expAvgSq: .init("exp_avg_sq")
        case .maxExpAvgSq: .init("max_exp_avg_sq", h.flag("amsgrad") ? .perCoordinate : .absent)
        }
    }

    public static func withUpdate<Body: ElementwiseBody>(_ context: StepContext<Body.Scalar>, _ body: inout Body) {
        body.run(Update<Body.Scalar>(context))
    }

    /// One Adam step's constants, rounded to the run's precision once.
    struct Update<Scalar: OptimizerScalar>: ElementwiseUpdate {
        let lr, negativeStepSize, biasCorrection2Sqrt, oneMinusBeta1, beta2, oneMinusBeta2, eps, l2, decayFactor: Scalar
        let hasL2, hasDecoupled, amsgrad: Bool

        init(_ c: StepContext<Scalar>) {
            let (beta1, beta2) = c.pair("betas")
            let wd = c.real("weight_decay"), decoupled = c.flag("decoupled_weight_decay")
            self.init(lr: c.real("lr"), beta1: beta1, beta2: beta2, eps: c.real("eps"), step: c.step,
                      l2: decoupled ? 0 : wd, decoupled: decoupled ? wd : 0, amsgrad: c.flag("amsgrad"))
        }

        /// Adam's constants from plain values (Adam-mini's per-coordinate blocks use them too).
        init(lr: Double, beta1: Double, beta2: Double, eps: Double, step: Int, l2: Double, decoupled: Double, amsgrad: Bool) {
            let t = Double(step)
            let biasCorrection1 = 1 - Double.pow(beta1, t)
            let biasCorrection2 = 1 - Double.pow(beta2, t)
            self.lr = Scalar(lr)
            negativeStepSize = Scalar(-(lr / biasCorrection1))
            biasCorrection2Sqrt = Scalar(biasCorrection2.squareRoot())
            oneMinusBeta1 = Scalar(1 - beta1)
            self.beta2 = Scalar(beta2)
            oneMinusBeta2 = Scalar(1 - beta2)
            self.eps = Scalar(eps)
            self.l2 = Scalar(l2)
            decayFactor = Scalar(1 - lr * decoupled)
            hasL2 = l2 != 0
            hasDecoupled = decoupled != 0
            self.amsgrad = amsgrad
        }

        @inline(__always)
        func apply<V: OptimizerLane>(_ p: inout V, _ g: V, _ state: StateLanes<V, State>) where V.Scalar == Scalar {
            var d = g
            if hasL2 { d = d + l2 * p }
            if hasDecoupled { p = p * decayFactor }
            let m = state[.expAvg].lerp(to: d, weight: oneMinusBeta1)
            state[.expAvg] = m
            let v = state[.expAvgSq] * beta2 + oneMinusBeta2 * d * d
            state[.expAvgSq] = v
            var second = v
            if amsgrad {
                second = V.greater(state[.maxExpAvgSq], v)
                state[.maxExpAvgSq] = second
            }
            p = p + negativeStepSize * m / denominator(second)
        }

        @inline(__always)
        func stepSize<V: OptimizerLane>(_ state: StateLanes<V, State>) -> V where V.Scalar == Scalar {
            lr / denominator(amsgrad ? state[.maxExpAvgSq] : state[.expAvgSq])
        }

        /// sqrt(v) / sqrt(1 - b2^t) + eps: the update's denominator and eta's.
        @inline(__always)
        func denominator<V: OptimizerLane>(_ second: V) -> V where V.Scalar == Scalar {
            second.squareRoot() / biasCorrection2Sqrt + eps
        }
    }
}

extension OptimizerKind {
    /// torch.optim.Adam.
    public static let adam = OptimizerKind(registered: "adam")
    /// torch.optim.AdamW.
    public static let adamw = OptimizerKind(registered: "adamw")
}
