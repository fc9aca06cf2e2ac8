/// torch.optim.Adagrad (`_single_tensor_adagrad`):
///
///     if weight_decay != 0: grad = grad.add(param, alpha=weight_decay)
///     clr = lr / (1 + (step - 1) * lr_decay)
///     state_sum.addcmul_(grad, grad, value=1)
///     std = state_sum.sqrt().add_(eps)
///     param.addcdiv_(grad, std, value=-clr)
///
/// eta_i = clr / (sqrt(sum_i) + eps), with the clr the last update used.
public enum Adagrad: ElementwiseRule {
    public static let hyperparameters: [HyperparameterDescriptor] = [
        .init("lr", "learning rate", .nonNegative, default: .real(1e-2)),
        .init("lr_decay", "learning-rate decay per step", .nonNegative, default: .real(0)),
        .init("weight_decay", "L2 penalty added to the gradient", .nonNegative, default: .real(0)),
        .init("initial_accumulator_value", "starting sum of squared gradients", .nonNegative, default: .real(0)),
        .init("eps", "added to the denominator", .nonNegative, default: .real(1e-10)),
    ]

    public static let variants = [OptimizerVariant("adagrad", "AdaGrad: per-coordinate steps from the sum of squared gradients")]
    public static let adaptsStepSizes = true
    public static func stabilityThreshold(_ h: Hyperparameters) -> Double { 2 }
    public static func weightDecay(_ h: Hyperparameters) -> WeightDecay { .l2(h.real("weight_decay")) }

    public enum State: Int, StateVectorName {
        case sum
    }

    public static func stateVector(_ vector: State, _ h: Hyperparameters) -> StateVectorSpec {
        .init("sum", initialValue: h.real("initial_accumulator_value"))
    }

    public static func withUpdate<Body: ElementwiseBody>(_ context: StepContext<Body.Scalar>, _ body: inout Body) {
        body.run(Update<Body.Scalar>(context))
    }

    struct Update<Scalar: OptimizerScalar>: ElementwiseUpdate {
        let clr, negativeCLR, weightDecay, eps: Scalar
        let hasDecay: Bool

        init(_ c: StepContext<Scalar>) {
            let clr = c.real("lr") / (1 + Double(max(c.step - 1, 0)) * c.real("lr_decay"))
            self.clr = Scalar(clr)
            negativeCLR = Scalar(-clr)
            weightDecay = Scalar(c.real("weight_decay"))
            eps = Scalar(c.real("eps"))
            hasDecay = c.real("weight_decay") != 0
        }

        @inline(__always)
        func apply<V: OptimizerLane>(_ p: inout V, _ g: V, _ state: StateLanes<V, State>) where V.Scalar == Scalar {
            var d = g
            if hasDecay { d = d + weightDecay * p }
            let sum = state[.sum] + d * d
            state[.sum] = sum
            p = p + negativeCLR * d / denominator(sum)
        }

        @inline(__always)
        func stepSize<V: OptimizerLane>(_ state: StateLanes<V, State>) -> V where V.Scalar == Scalar {
            clr / denominator(state[.sum])
        }

        /// sqrt(sum) + eps: the update's denominator and eta's.
        @inline(__always)
        func denominator<V: OptimizerLane>(_ sum: V) -> V where V.Scalar == Scalar {
            sum.squareRoot() + eps
        }
    }
}

extension OptimizerKind {
    /// torch.optim.Adagrad.
    public static let adagrad = OptimizerKind(registered: "adagrad")
}
