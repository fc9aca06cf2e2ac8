/// torch.optim.SGD: plain GD, heavy-ball momentum, Nesterov, dampening and L2 weight decay
/// (`_single_tensor_sgd`):
///
///     if weight_decay != 0: grad = grad.add(param, alpha=weight_decay)
///     if momentum != 0:
///         buf = grad (first step)   else buf.mul_(momentum).add_(grad, alpha=1 - dampening)
///         grad = grad.add(buf, alpha=momentum) if nesterov else buf
///     param.add_(grad, alpha=-lr)
///
/// eta = lr for every coordinate: the rate the last update used (the caller sets each update's
/// scheduled rate just before it).
public enum SGD: ElementwiseRule {
    public static let hyperparameters: [HyperparameterDescriptor] = [
        .init("lr", "learning rate", .nonNegative, default: .real(1e-3)),
        .init("momentum", "momentum factor", .nonNegative, default: .real(0)),
        .init("dampening", "dampening of the momentum buffer", .unit, default: .real(0)),
        .init("weight_decay", "L2 penalty added to the gradient", .nonNegative, default: .real(0)),
        .init("nesterov", "Nesterov momentum", .flag, default: .flag(false)),
    ]

    public static let variants = [
        OptimizerVariant("gd", "gradient descent: p -= lr * g"),
        OptimizerVariant("sgd", "torch SGD: momentum, dampening, nesterov, weight decay"),
        OptimizerVariant("momentum", "heavy-ball momentum (SGD, momentum 0.9)",
                         defaults: ["momentum": .real(0.9)], alwaysShown: ["momentum"]),
        OptimizerVariant("nesterov", "Nesterov momentum (SGD, nesterov, momentum 0.9)",
                         defaults: ["momentum": .real(0.9), "nesterov": .flag(true)], alwaysShown: ["momentum"]),
    ]

    public static let adaptsStepSizes = false
    public static let stepSizesAreUniform = true

    public static func validate(_ h: Hyperparameters) throws(HyperparameterError) {
        let momentum = h.real("momentum"), dampening = h.real("dampening")
        if h.flag("nesterov") && (momentum <= 0 || dampening != 0) {
            throw .inconsistent("nesterov = true needs momentum > 0 and dampening = 0 (momentum = \(momentum), dampening = \(dampening))")
        }
    }

    /// 2 without momentum; Nesterov (2 + 2 mu) / (1 + 2 mu); heavy ball (2 + 2 mu) / (1 - dampening).
    public static func stabilityThreshold(_ h: Hyperparameters) -> Double {
        let momentum = h.real("momentum")
        if momentum == 0 { return 2 }
        if h.flag("nesterov") { return (2 + 2 * momentum) / (1 + 2 * momentum) }
        return heavyBallThreshold(momentum: momentum, dampening: h.real("dampening"))
    }

    public static func weightDecay(_ h: Hyperparameters) -> WeightDecay { .l2(h.real("weight_decay")) }

    public enum State: Int, StateVectorName {
        case momentumBuffer
    }

    public static func stateVector(_ vector: State, _ h: Hyperparameters) -> StateVectorSpec {
        .init("momentum_buffer", h.real("momentum") != 0 ? .perCoordinate : .absent)
    }

    public static func withUpdate<Body: ElementwiseBody>(_ context: StepContext<Body.Scalar>, _ body: inout Body) {
        body.run(Update<Body.Scalar>(context))
    }

    struct Update<Scalar: OptimizerScalar>: ElementwiseUpdate {
        let negativeLR, weightDecay, momentum, keep: Scalar
        let hasDecay, hasMomentum, firstStep, nesterov: Bool

        init(_ c: StepContext<Scalar>) {
            negativeLR = Scalar(-c.real("lr"))
            weightDecay = Scalar(c.real("weight_decay"))
            momentum = Scalar(c.real("momentum"))
            keep = Scalar(1 - c.real("dampening"))
            hasDecay = c.real("weight_decay") != 0
            hasMomentum = c.real("momentum") != 0
            firstStep = c.step == 1
            nesterov = c.flag("nesterov")
        }

        @inline(__always)
        func apply<V: OptimizerLane>(_ p: inout V, _ g: V, _ state: StateLanes<V, State>) where V.Scalar == Scalar {
            var d = g
            if hasDecay { d = d + weightDecay * p }
            if hasMomentum {
                let buffer = firstStep ? d : state[.momentumBuffer] * momentum + keep * d
                state[.momentumBuffer] = buffer
                d = nesterov ? d + momentum * buffer : buffer
            }
            p = p + negativeLR * d
        }

        @inline(__always)
        func stepSize<V: OptimizerLane>(_ state: StateLanes<V, State>) -> V where V.Scalar == Scalar {
            V(broadcast: -negativeLR)
        }
    }
}

extension OptimizerKind {
    /// Plain gradient descent: torch SGD with momentum 0.
    public static let gd = OptimizerKind(registered: "gd")
    /// torch.optim.SGD with all its options.
    public static let sgd = OptimizerKind(registered: "sgd")
    /// Heavy-ball momentum: SGD with momentum 0.9 by default.
    public static let momentum = OptimizerKind(registered: "momentum")
    /// Nesterov momentum: SGD with nesterov on and momentum 0.9 by default.
    public static let nesterov = OptimizerKind(registered: "nesterov")
}
