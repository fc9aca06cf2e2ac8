/// torch.optim.Adadelta: steps scaled by the ratio of running RMS of updates and of gradients
/// (`_single_tensor_adadelta`):
///
///     if weight_decay != 0: grad = grad.add(param, alpha=weight_decay)
///     square_avg.mul_(rho).addcmul_(grad, grad, value=1 - rho)
///     std = square_avg.add(eps).sqrt_()
///     delta = acc_delta.add(eps).sqrt_().div_(std).mul_(grad)
///     acc_delta.mul_(rho).addcmul_(delta, delta, value=1 - rho)
///     param.add_(delta, alpha=-lr)
///
/// eta_i = lr sqrt(acc_delta_i + eps) / sqrt(square_avg_i + eps) from the state the update left:
/// the rate the next update starts from. The update just taken used acc_delta from before it
/// absorbed its own delta, which the state no longer holds.
public enum Adadelta: ElementwiseRule {
    public static let hyperparameters: [HyperparameterDescriptor] = [
        .init("lr", "factor on the update", .nonNegative, default: .real(1.0)),
        .init("rho", "decay rate of both running averages", .unit, default: .real(0.9)),
        .init("eps", "added inside both square roots", .nonNegative, default: .real(1e-6)),
        .init("weight_decay", "L2 penalty added to the gradient", .nonNegative, default: .real(0)),
    ]

    public static let variants = [OptimizerVariant("adadelta", "Adadelta: steps from RMS(updates) / RMS(gradients)")]
    public static let adaptsStepSizes = true

    /// No momentum: 2.
    public static func stabilityThreshold(_ h: Hyperparameters) -> Double { 2 }

    public static func weightDecay(_ h: Hyperparameters) -> WeightDecay { .l2(h.real("weight_decay")) }

    public enum State: Int, StateVectorName {
        case squareAvg, accDelta
    }

    public static func stateVector(_ vector: State, _ h: Hyperparameters) -> StateVectorSpec {
        switch vector {
        case .squareAvg: .init("square_avg")
        case .accDelta: .init("acc_delta")
        }
    }

    public static func withUpdate<Body: ElementwiseBody>(_ context: StepContext<Body.Scalar>, _ body: inout Body) {
        body.run(Update<Body.Scalar>(context))
    }

    struct Update<Scalar: OptimizerScalar>: ElementwiseUpdate {
        let lr, negativeLR, rho, oneMinusRho, eps, l2: Scalar
        let hasL2: Bool

        init(_ c: StepContext<Scalar>) {
            lr = Scalar(c.real("lr"))
            negativeLR = Scalar(-c.real("lr"))
            rho = Scalar(c.real("rho"))
            oneMinusRho = Scalar(1 - c.real("rho"))
            eps = Scalar(c.real("eps"))
            l2 = Scalar(c.real("weight_decay"))
            hasL2 = c.real("weight_decay") != 0
        }

        @inline(__always)
        func apply<V: OptimizerLane>(_ p: inout V, _ g: V, _ state: StateLanes<V, State>) where V.Scalar == Scalar {
            var d = g
            if hasL2 { d = d + l2 * p }
            let squareAverage = state[.squareAvg] * rho + oneMinusRho * d * d
            state[.squareAvg] = squareAverage
            let delta = ratio(state[.accDelta], squareAverage) * d
            state[.accDelta] = state[.accDelta] * rho + oneMinusRho * delta * delta
            p = p + negativeLR * delta
        }

        @inline(__always)
        func stepSize<V: OptimizerLane>(_ state: StateLanes<V, State>) -> V where V.Scalar == Scalar {
            lr * ratio(state[.accDelta], state[.squareAvg])
        }

        /// sqrt(acc_delta + eps) / sqrt(square_avg + eps): the update's factor on g and eta's.
        @inline(__always)
        func ratio<V: OptimizerLane>(_ accumulated: V, _ squareAverage: V) -> V where V.Scalar == Scalar {
            (accumulated + eps).squareRoot() / (squareAverage + eps).squareRoot()
        }
    }
}

extension OptimizerKind {
    /// torch.optim.Adadelta.
    public static let adadelta = OptimizerKind(registered: "adadelta")
}
