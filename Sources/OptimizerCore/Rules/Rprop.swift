/// torch.optim.Rprop: a step size per coordinate that grows while the gradient keeps its sign and
/// shrinks when it flips; only the gradient's sign moves the parameters (`_single_tensor_rprop`):
///
///     sign = grad.mul(prev).sign()
///     sign[sign.gt(0)] = etaplus; sign[sign.lt(0)] = etaminus; sign[sign.eq(0)] = 1
///     step_size.mul_(sign).clamp_(step_size_min, step_size_max)
///     grad = grad.clone(); grad[sign.eq(etaminus)] = 0
///     param.addcmul_(grad.sign(), step_size, value=-1)
///     prev.copy_(grad)
///
/// step_size starts at lr, which is read only then: as in torch, a schedule has no effect on later
/// steps. There is no weight decay. eta_i = step_size_i, the length the last update moved
/// coordinate i by: not a factor on the gradient, so P^1/2 H P^1/2 built from it measures no
/// stability, and there is no threshold (a step of fixed length cannot diverge).
public enum Rprop: ElementwiseRule {
    public static let hyperparameters: [HyperparameterDescriptor] = [
        .init("lr", "initial step size of every coordinate", .nonNegative, default: .real(1e-2)),
        .init("etas", "step-size factors (etaminus, etaplus) when the sign flips / holds", .pair(0...Double.greatestFiniteMagnitude, openUpperBound: false), default: .pair(0.5, 1.2)),
        .init("step_sizes", "smallest and largest step size", .pair(0...Double.greatestFiniteMagnitude, openUpperBound: false), default: .pair(1e-6, 50)),
    ]

    public static let variants = [OptimizerVariant("rprop", "Rprop: sign steps with per-coordinate step sizes")]
    public static let adaptsStepSizes = false

    public static func validate(_ h: Hyperparameters) throws(HyperparameterError) {
        let (minus, plus) = h.pair("etas")
        if !(0 < minus && minus < 1 && 1 < plus) {
            throw .inconsistent("etas = [\(minus), \(plus)] needs 0 < etaminus < 1 < etaplus")
        }
        let (smallest, largest) = h.pair("step_sizes")
        if smallest > largest {
            throw .inconsistent("step_sizes = [\(smallest), \(largest)] needs the smallest step size first")
        }
    }

    /// None: every step moves a coordinate by its step size, whatever the curvature.
    public static func stabilityThreshold(_ h: Hyperparameters) -> Double { .infinity }

    public static func weightDecay(_ h: Hyperparameters) -> WeightDecay { .none }

    public enum State: Int, StateVectorName {
        case prev, stepSize
    }

    public static func stateVector(_ vector: State, _ h: Hyperparameters) -> StateVectorSpec {
        switch vector {
        case .prev: .init("prev")
        case .stepSize: .init("step_size", initialValue: h.real("lr"))
        }
    }

    public static func withUpdate<Body: ElementwiseBody>(_ context: StepContext<Body.Scalar>, _ body: inout Body) {
        body.run(Update<Body.Scalar>(context))
    }

    struct Update<Scalar: OptimizerScalar>: ElementwiseUpdate {
        let etaMinus, etaPlus, smallest, largest: Scalar

        init(_ c: StepContext<Scalar>) {
            let (minus, plus) = c.pair("etas"), (smallest, largest) = c.pair("step_sizes")
            etaMinus = Scalar(minus)
            etaPlus = Scalar(plus)
            self.smallest = Scalar(smallest)
            self.largest = Scalar(largest)
        }

        @inline(__always)
        func apply<V: OptimizerLane>(_ p: inout V, _ g: V, _ state: StateLanes<V, State>) where V.Scalar == Scalar {
            let zero = V(broadcast: 0)
            let agreement = (g * state[.prev]).signum
            let factor = V.select(agreement, greaterThan: zero, V(broadcast: etaPlus),
                                  else: V.select(agreement, lessThan: zero, V(broadcast: etaMinus), else: V(broadcast: 1)))
            let stepSize = V.lesser(V.greater(state[.stepSize] * factor, V(broadcast: smallest)), V(broadcast: largest))
            state[.stepSize] = stepSize
            let d = V.select(agreement, lessThan: zero, zero, else: g)
            p = p - d.signum * stepSize
            state[.prev] = d
        }

        @inline(__always)
        func stepSize<V: OptimizerLane>(_ state: StateLanes<V, State>) -> V where V.Scalar == Scalar {
            state[.stepSize]
        }
    }
}


extension OptimizerKind {
    /// torch.optim.Rprop.
    public static let rprop = OptimizerKind(registered: "rprop")
}
