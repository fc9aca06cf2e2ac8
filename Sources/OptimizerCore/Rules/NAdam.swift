/// torch.optim.NAdam: Adam with Nesterov momentum and a warming momentum schedule
/// (`_single_tensor_nadam`):
///
///     if weight_decay != 0:
///         decoupled: param.mul_(1 - lr * weight_decay)     else: grad = grad.add(param, alpha=weight_decay)
///     mu = beta1 * (1 - 0.5 * 0.96 ** (step * momentum_decay))
///     mu_next = beta1 * (1 - 0.5 * 0.96 ** ((step + 1) * momentum_decay))
///     mu_product *= mu
///     exp_avg.lerp_(grad, 1 - beta1)
///     exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
///     denom = exp_avg_sq.div(1 - beta2 ** step).sqrt().add_(eps)
///     param.addcdiv_(grad, denom, value=-lr * (1 - mu) / (1 - mu_product))
///     param.addcdiv_(exp_avg, denom, value=-lr * mu_next / (1 - mu_product * mu_next))
///
/// `mu_product` is one number kept in the run's precision (torch keeps it in its default dtype,
/// float32 unless set to float64); the coefficients are computed in double precision.
/// eta_i = lr / denom_i: the two weights on g and exp_avg add up to about 1 once mu_product is
/// small, so lr / denom is what multiplies the Nesterov momentum estimate.
public enum NAdam: ElementwiseRule {
    public static let hyperparameters: [HyperparameterDescriptor] = [
        .init("lr", "learning rate", .nonNegative, default: .real(2e-3)),
        .init("betas", "decay rates of the first and second moments", .betas, default: .pair(0.9, 0.999)),
        .init("eps", "added to the denominator", .nonNegative, default: .real(1e-8)),
        .init("weight_decay", "weight decay (L2, or decoupled with decoupled_weight_decay)", .nonNegative, default: .real(0)),
        .init("momentum_decay", "psi in mu_t = beta1 (1 - 0.5 * 0.96^(t psi))", .nonNegative, default: .real(4e-3)),
        .init("decoupled_weight_decay", "decay p *= 1 - lr * wd instead of g += wd * p", .flag, default: .flag(false)),
    ]

    public static let variants = [OptimizerVariant("nadam", "NAdam: Adam with Nesterov momentum")]
    public static let adaptsStepSizes = true

    /// The bound for p -= eta ((1 - mu) g + mu m), m = beta1 m + (1 - beta1) g, on a quadratic:
    /// (2 + 2 beta1) / (1 + beta1 - 2 beta1 mu), taken at mu_1 (about beta1 / 2): mu_t stays within
    /// 5% of it for the first 1 / momentum_decay steps (250 by default), then rises towards beta1.
    public static func stabilityThreshold(_ h: Hyperparameters) -> Double {
        let beta1 = h.pair("betas").0
        let mu = momentumCoefficient(beta1: beta1, step: 1, momentumDecay: h.real("momentum_decay"))
        return (2 + 2 * beta1) / (1 + beta1 - 2 * beta1 * mu)
    }

    public static func weightDecay(_ h: Hyperparameters) -> WeightDecay { .chosen(by: h) }

    public enum State: Int, StateVectorName {
        case muProduct, expAvg, expAvgSq
    }

    public static func stateVector(_ vector: State, _ h: Hyperparameters) -> StateVectorSpec {
        switch vector {
        case .muProduct: .init("mu_product", .single, initialValue: 1)
        case .expAvg: .init("exp_avg")
        case .expAvgSq: .init("exp_avg_sq")
        }
    }

    public static func withUpdate<Body: ElementwiseBody>(_ context: StepContext<Body.Scalar>, _ body: inout Body) {
        let beta1 = context.pair("betas").0, psi = context.real("momentum_decay")
        let product = context[single: State.muProduct] * Body.Scalar(momentumCoefficient(beta1: beta1, step: context.step, momentumDecay: psi))
        context[single: State.muProduct] = product
        body.run(Update<Body.Scalar>(context, muProduct: Double(product)))
    }

    /// mu_t = beta1 (1 - 0.5 * 0.96^(t psi)).
    static func momentumCoefficient(beta1: Double, step: Int, momentumDecay: Double) -> Double {
        beta1 * (1 - 0.5 * Double.pow(0.96, Double(step) * momentumDecay))
    }

    struct Update<Scalar: OptimizerScalar>: ElementwiseUpdate {
        let moments: AdamMoments<Scalar>
        let lr, gradientWeight, momentumWeight, biasCorrection2, eps: Scalar

        init(_ c: StepContext<Scalar>, muProduct: Double) {
            let (beta1, beta2) = c.pair("betas")
            let lr = c.real("lr")
            let mu = NAdam.momentumCoefficient(beta1: beta1, step: c.step, momentumDecay: c.real("momentum_decay"))
            let muNext = NAdam.momentumCoefficient(beta1: beta1, step: c.step + 1, momentumDecay: c.real("momentum_decay"))
            moments = AdamMoments(c)
            self.lr = Scalar(lr)
            gradientWeight = Scalar(-lr * (1 - mu) / (1 - muProduct))
            momentumWeight = Scalar(-lr * muNext / (1 - muProduct * muNext))
            biasCorrection2 = Scalar(1 - Double.pow(beta2, c.t))
            eps = Scalar(c.real("eps"))
        }

        @inline(__always)
        func apply<V: OptimizerLane>(_ p: inout V, _ g: V, _ state: StateLanes<V, State>) where V.Scalar == Scalar {
            var m = state[.expAvg], v = state[.expAvgSq]
            let d = moments.update(&p, g, firstMoment: &m, secondMoment: &v)
            state[.expAvg] = m
            state[.expAvgSq] = v
            let denominator = denominator(v)
            p = p + gradientWeight * d / denominator
            p = p + momentumWeight * m / denominator
        }

        @inline(__always)
        func stepSize<V: OptimizerLane>(_ state: StateLanes<V, State>) -> V where V.Scalar == Scalar {
            lr / denominator(state[.expAvgSq])
        }

        /// sqrt(v / (1 - b2^t)) + eps: the update's denominator and eta's.
        @inline(__always)
        func denominator<V: OptimizerLane>(_ v: V) -> V where V.Scalar == Scalar {
            (v / biasCorrection2).squareRoot() + eps
        }
    }
}

extension OptimizerKind {
    /// torch.optim.NAdam.
    public static let nadam = OptimizerKind(registered: "nadam")
}
