/// torch.optim.RMSprop, no bias correction as in torch (`_single_tensor_rmsprop`):
///
///     if weight_decay != 0: grad = grad.add(param, alpha=weight_decay)
///     square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
///     if centered: grad_avg.lerp_(grad, 1 - alpha); avg = square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_()
///     else: avg = square_avg.sqrt()
///     avg = avg.add_(eps)
///     if momentum > 0: buf.mul_(momentum).addcdiv_(grad, avg); param.add_(buf, alpha=-lr)
///     else: param.addcdiv_(grad, avg, value=-lr)
///
/// eta_i = lr / avg_i: what multiplies the gradient, or the momentum buffer's input.
public enum RMSprop: ElementwiseRule {
    public static let hyperparameters: [HyperparameterDescriptor] = [
        .init("lr", "learning rate", .nonNegative, default: .real(1e-2)),
        .init("alpha", "smoothing constant of the mean of g^2", .unit, default: .real(0.99)),
        .init("eps", "added to the denominator", .nonNegative, default: .real(1e-8)),
        .init("weight_decay", "L2 penalty added to the gradient", .nonNegative, default: .real(0)),
        .init("momentum", "momentum factor", .nonNegative, default: .real(0)),
        .init("centered", "normalise by the estimated variance", .flag, default: .flag(false)),
    ]

    public static let variants = [OptimizerVariant("rmsprop", "RMSprop: per-coordinate steps from a running mean of g^2")]
    public static let adaptsStepSizes = true

    /// The momentum buffer is heavy ball without dampening (2 without momentum).
    public static func stabilityThreshold(_ h: Hyperparameters) -> Double {
        heavyBallThreshold(momentum: h.real("momentum"), dampening: 0)
    }

    public static func weightDecay(_ h: Hyperparameters) -> WeightDecay { .l2(h.real("weight_decay")) }

    public enum State: Int, StateVectorName {
        case squareAvg, gradAvg, momentumBuffer
    }

    public static func stateVector(_ vector: State, _ h: Hyperparameters) -> StateVectorSpec {
        switch vector {
        case .squareAvg: .init("square_avg")
        case .gradAvg: .init("grad_avg", h.flag("centered") ? .perCoordinate : .absent)
        case .momentumBuffer: .init("momentum_buffer", h.real("momentum") > 0 ? .perCoordinate : .absent)
        }
    }

    public static func withUpdate<Body: ElementwiseBody>(_ context: StepContext<Body.Scalar>, _ body: inout Body) {
        body.run(Update<Body.Scalar>(context))
    }

    struct Update<Scalar: OptimizerScalar>: ElementwiseUpdate {
        let lr, negativeLR, weightDecay, alpha, oneMinusAlpha, eps, momentum: Scalar
        let hasDecay, centered, hasMomentum: Bool

        init(_ c: StepContext<Scalar>) {
            lr = Scalar(c.real("lr"))
            negativeLR = Scalar(-c.real("lr"))
            weightDecay = Scalar(c.real("weight_decay"))
            alpha = Scalar(c.real("alpha"))
            oneMinusAlpha = Scalar(1 - c.real("alpha"))
            eps = Scalar(c.real("eps"))
            momentum = Scalar(c.real("momentum"))
            hasDecay = c.real("weight_decay") != 0
            centered = c.flag("centered")
            hasMomentum = c.real("momentum") > 0
        }

        @inline(__always)
        func apply<V: OptimizerLane>(_ p: inout V, _ g: V, _ state: StateLanes<V, State>) where V.Scalar == Scalar {
            var d = g
            if hasDecay { d = d + weightDecay * p }
            let squareAverage = state[.squareAvg] * alpha + oneMinusAlpha * d * d
            state[.squareAvg] = squareAverage
            var mean = V(broadcast: 0)
            if centered {
                mean = state[.gradAvg].lerp(to: d, weight: oneMinusAlpha)
                state[.gradAvg] = mean
            }
            let average = self.average(squareAverage, mean)
            if hasMomentum {
                let buffer = state[.momentumBuffer] * momentum + d / average
                state[.momentumBuffer] = buffer
                p = p + negativeLR * buffer
            } else {
                p = p + negativeLR * d / average
            }
        }

        @inline(__always)
        func stepSize<V: OptimizerLane>(_ state: StateLanes<V, State>) -> V where V.Scalar == Scalar {
            lr / average(state[.squareAvg], centered ? state[.gradAvg] : V(broadcast: 0))
        }

        /// sqrt(sq) + eps, centered sqrt(sq - ga^2) + eps: the update's denominator and eta's.
        @inline(__always)
        func average<V: OptimizerLane>(_ squareAverage: V, _ mean: V) -> V where V.Scalar == Scalar {
            (centered ? (squareAverage + -mean * mean).squareRoot() : squareAverage.squareRoot()) + eps
        }
    }
}

extension OptimizerKind {
    /// torch.optim.RMSprop.
    public static let rmsprop = OptimizerKind(registered: "rmsprop")
}
