/// torch.optim.Adamax: Adam with the infinity norm in place of the second moment
/// (`_single_tensor_adamax`):
///
///     if weight_decay != 0: grad = grad.add(param, alpha=weight_decay)
///     exp_avg.lerp_(grad, 1 - beta1)
///     torch.maximum(exp_inf.mul_(beta2), grad.abs().add_(eps), out=exp_inf)
///     clr = lr / (1 - beta1 ** step)
///     param.addcdiv_(exp_avg, exp_inf, value=-clr)
///
/// eta_i = lr / exp_inf_i: like Adam's, without the factor 1 / (1 - b1^t), the first moment being
/// read as heavy-ball momentum.
public enum Adamax: ElementwiseRule {
    public static let hyperparameters: [HyperparameterDescriptor] = [
        .init("lr", "learning rate", .nonNegative, default: .real(2e-3)),
        .init("betas", "decay rates of the first moment and the infinity norm", .betas, default: .pair(0.9, 0.999)),
        .init("eps", "added to |g| before the maximum", .nonNegative, default: .real(1e-8)),
        .init("weight_decay", "L2 penalty added to the gradient", .nonNegative, default: .real(0)),
    ]

    public static let variants = [OptimizerVariant("adamax", "Adamax: Adam with a running infinity norm")]
    public static let adaptsStepSizes = true

    /// Heavy-ball momentum with dampening beta1, as Adam.
    public static func stabilityThreshold(_ h: Hyperparameters) -> Double { firstMomentThreshold(h) }

    public static func weightDecay(_ h: Hyperparameters) -> WeightDecay { .l2(h.real("weight_decay")) }

    public enum State: Int, StateVectorName {
        case expAvg, expInf
    }

    public static func stateVector(_ vector: State, _ h: Hyperparameters) -> StateVectorSpec {
        switch vector {
        case .expAvg: .init("exp_avg")
        case .expInf: .init("exp_inf")
        }
    }

    public static func withUpdate<Body: ElementwiseBody>(_ context: StepContext<Body.Scalar>, _ body: inout Body) {
        body.run(Update<Body.Scalar>(context))
    }

    struct Update<Scalar: OptimizerScalar>: ElementwiseUpdate {
        let lr, negativeStepSize, oneMinusBeta1, beta2, eps, l2: Scalar
        let hasL2: Bool

        init(_ c: StepContext<Scalar>) {
            let (beta1, beta2) = c.pair("betas")
            let lr = c.real("lr")
            self.lr = Scalar(lr)
            negativeStepSize = Scalar(-(lr / (1 - Double.pow(beta1, c.t))))
            oneMinusBeta1 = Scalar(1 - beta1)
            self.beta2 = Scalar(beta2)
            eps = Scalar(c.real("eps"))
            l2 = Scalar(c.real("weight_decay"))
            hasL2 = c.real("weight_decay") != 0
        }

        @inline(__always)
        func apply<V: OptimizerLane>(_ p: inout V, _ g: V, _ state: StateLanes<V, State>) where V.Scalar == Scalar {
            var d = g
            if hasL2 { d = d + l2 * p }
            let m = state[.expAvg].lerp(to: d, weight: oneMinusBeta1)
            state[.expAvg] = m
            let u = V.greater(state[.expInf] * beta2, d.magnitude + eps)
            state[.expInf] = u
            p = p + negativeStepSize * m / u
        }

        @inline(__always)
        func stepSize<V: OptimizerLane>(_ state: StateLanes<V, State>) -> V where V.Scalar == Scalar {
            lr / state[.expInf]
        }
    }
}

extension OptimizerKind {
    /// torch.optim.Adamax.
    public static let adamax = OptimizerKind(registered: "adamax")
}
