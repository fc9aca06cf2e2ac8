/// torch.optim.RAdam: Adam whose adaptive term is switched on, and rectified, once the variance
/// of its second moment is tractable (`_single_tensor_radam`):
///
///     if weight_decay != 0:
///         decoupled: param.mul_(1 - lr * weight_decay)     else: grad = grad.add(param, alpha=weight_decay)
///     exp_avg.lerp_(grad, 1 - beta1)
///     exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
///     bias_corrected_exp_avg = exp_avg / (1 - beta1 ** step)
///     rho_inf = 2 / (1 - beta2) - 1
///     rho_t = rho_inf - 2 * step * beta2 ** step / (1 - beta2 ** step)
///     if rho_t > 5:
///         rect = sqrt((rho_t - 4) (rho_t - 2) rho_inf / ((rho_inf - 4) (rho_inf - 2) rho_t))
///         adaptive_lr = sqrt(1 - beta2 ** step) / exp_avg_sq.sqrt().add_(eps)
///         param.add_(bias_corrected_exp_avg * lr * adaptive_lr * rect, alpha=-1.0)
///     else:
///         param.add_(bias_corrected_exp_avg * lr, alpha=-1.0)
///
/// The step's scalars (rho_t, rect, the bias corrections) are computed in double precision.
/// eta_i = lr * rect * sqrt(1 - b2^t) / (sqrt(v_i) + eps) once rho_t > 5, lr before (momentum SGD);
/// like Adam's, without the factor 1 / (1 - b1^t), the first moment being read as heavy-ball momentum.
public enum RAdam: ElementwiseRule {
    public static let hyperparameters: [HyperparameterDescriptor] = [
        .init("lr", "learning rate", .nonNegative, default: .real(1e-3)),
        .init("betas", "decay rates of the first and second moments", .betas, default: .pair(0.9, 0.999)),
        .init("eps", "added to the denominator", .nonNegative, default: .real(1e-8)),
        .init("weight_decay", "weight decay (L2, or decoupled with decoupled_weight_decay)", .nonNegative, default: .real(0)),
        .init("decoupled_weight_decay", "decay p *= 1 - lr * wd instead of g += wd * p", .flag, default: .flag(false)),
    ]

    public static let variants = [OptimizerVariant("radam", "RAdam: Adam with its adaptive term rectified")]
    public static let adaptsStepSizes = true

    /// Heavy-ball momentum with dampening beta1, as Adam.
    public static func stabilityThreshold(_ h: Hyperparameters) -> Double { firstMomentThreshold(h) }

    public static func weightDecay(_ h: Hyperparameters) -> WeightDecay { .chosen(by: h) }

    public enum State: Int, StateVectorName {
        case expAvg, expAvgSq
    }

    public static func stateVector(_ vector: State, _ h: Hyperparameters) -> StateVectorSpec {
        switch vector {
        case .expAvg: .init("exp_avg")
        case .expAvgSq: .init("exp_avg_sq")
        }
    }

    public static func withUpdate<Body: ElementwiseBody>(_ context: StepContext<Body.Scalar>, _ body: inout Body) {
        body.run(Update<Body.Scalar>(context))
    }

    struct Update<Scalar: OptimizerScalar>: ElementwiseUpdate {
        let moments: AdamMoments<Scalar>
        let lr, biasCorrection1, biasCorrection2Sqrt, rectification, eps: Scalar
        let rectified: Bool

        init(_ c: StepContext<Scalar>) {
            let (beta1, beta2) = c.pair("betas")
            let t = c.t
            let biasCorrection2 = 1 - Double.pow(beta2, t)
            let rhoInfinity = 2 / (1 - beta2) - 1
            let rho = rhoInfinity - 2 * t * Double.pow(beta2, t) / biasCorrection2
            rectified = rho > 5
            let rectificationSquared = (rho - 4) * (rho - 2) * rhoInfinity / ((rhoInfinity - 4) * (rhoInfinity - 2) * rho)
            rectification = Scalar(rectified ? rectificationSquared.squareRoot() : 1)
            moments = AdamMoments(c)
            lr = Scalar(c.real("lr"))
            biasCorrection1 = Scalar(1 - Double.pow(beta1, t))
            biasCorrection2Sqrt = Scalar(biasCorrection2.squareRoot())
            eps = Scalar(c.real("eps"))
        }

        @inline(__always)
        func apply<V: OptimizerLane>(_ p: inout V, _ g: V, _ state: StateLanes<V, State>) where V.Scalar == Scalar {
            var m = state[.expAvg], v = state[.expAvgSq]
            _ = moments.update(&p, g, firstMoment: &m, secondMoment: &v)
            state[.expAvg] = m
            state[.expAvgSq] = v
            let corrected = m / biasCorrection1
            if rectified {
                p = p - corrected * lr * adaptiveFactor(v) * rectification
            } else {
                p = p - corrected * lr
            }
        }

        @inline(__always)
        func stepSize<V: OptimizerLane>(_ state: StateLanes<V, State>) -> V where V.Scalar == Scalar {
            rectified ? lr * adaptiveFactor(state[.expAvgSq]) * rectification : V(broadcast: lr)
        }

        /// sqrt(1 - b2^t) / (sqrt(v) + eps): torch's adaptive_lr, in the update and in eta.
        @inline(__always)
        func adaptiveFactor<V: OptimizerLane>(_ v: V) -> V where V.Scalar == Scalar {
            biasCorrection2Sqrt / (v.squareRoot() + eps)
        }
    }
}

extension OptimizerKind {
    /// torch.optim.RAdam.
    public static let radam = OptimizerKind(registered: "radam")
}
