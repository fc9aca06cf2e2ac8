/// Lion (EvoLved Sign Momentum), as PyPI lion-pytorch 0.2 implements it (`update_fn`):
///
///     p.data.mul_(1 - lr * wd)
///     update = exp_avg.clone().mul_(beta1).add(grad, alpha=1 - beta1).sign_()
///     p.add_(update, alpha=-lr)
///     exp_avg.mul_(beta2).add_(grad, alpha=1 - beta2)
///
/// The step's direction interpolates with beta1, the momentum it keeps with beta2, and the update
/// uses the momentum from before this gradient. Weight decay is decoupled (lion-pytorch's default;
/// its `decoupled_weight_decay` flag, which divides wd by the initial lr, is not offered).
/// eta = lr for every coordinate: the update is lr times a sign, a length rather than a factor on
/// the gradient, so there is no stability threshold either.
public enum Lion: ElementwiseRule {
    public static let hyperparameters: [HyperparameterDescriptor] = [
        .init("lr", "step length (the update is lr * sign)", .nonNegative, default: .real(1e-4)),
        .init("betas", "interpolation of the step's direction, and decay of the momentum", .pair(0...1, openUpperBound: false), default: .pair(0.9, 0.99)),
        .init("weight_decay", "decoupled decay p *= 1 - lr * wd", .nonNegative, default: .real(0)),
    ]

    public static let variants = [OptimizerVariant("lion", "Lion: sign of interpolated momentum (lion-pytorch 0.2)")]
    public static let adaptsStepSizes = false
    public static let stepSizesAreUniform = true

    /// None: every step has length lr per coordinate, whatever the curvature.
    public static func stabilityThreshold(_ h: Hyperparameters) -> Double { .infinity }

    public static func weightDecay(_ h: Hyperparameters) -> WeightDecay { .decoupled(h.real("weight_decay")) }

    public enum State: Int, StateVectorName {
        case expAvg
    }

    public static func stateVector(_ vector: State, _ h: Hyperparameters) -> StateVectorSpec { .init("exp_avg") }

    public static func withUpdate<Body: ElementwiseBody>(_ context: StepContext<Body.Scalar>, _ body: inout Body) {
        body.run(Update<Body.Scalar>(context))
    }

    struct Update<Scalar: OptimizerScalar>: ElementwiseUpdate {
        let lr, beta1, oneMinusBeta1, beta2, oneMinusBeta2, decayFactor: Scalar
        let hasDecay: Bool

        init(_ c: StepContext<Scalar>) {
            let (beta1, beta2) = c.pair("betas")
            let lr = c.real("lr"), wd = c.real("weight_decay")
            self.lr = Scalar(lr)
            self.beta1 = Scalar(beta1)
            oneMinusBeta1 = Scalar(1 - beta1)
            self.beta2 = Scalar(beta2)
            oneMinusBeta2 = Scalar(1 - beta2)
            decayFactor = Scalar(1 - lr * wd)
            hasDecay = wd != 0
        }

        @inline(__always)
        func apply<V: OptimizerLane>(_ p: inout V, _ g: V, _ state: StateLanes<V, State>) where V.Scalar == Scalar {
            if hasDecay { p = p * decayFactor }
            let m = state[.expAvg]
            p = p - lr * (m * beta1 + oneMinusBeta1 * g).signum
            state[.expAvg] = m * beta2 + oneMinusBeta2 * g
        }

        @inline(__always)
        func stepSize<V: OptimizerLane>(_ state: StateLanes<V, State>) -> V where V.Scalar == Scalar {
            V(broadcast: lr)
        }
    }
}


extension OptimizerKind {
    /// Lion from lion-pytorch.
    public static let lion = OptimizerKind(registered: "lion")
}
