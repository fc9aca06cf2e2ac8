/// Runs any elementwise rule: one step over a whole buffer, and eta from the same update.
enum ElementwiseDriver<Rule: ElementwiseRule, Scalar: OptimizerScalar> {
    /// The state vectors of `Rule` under `hyperparameters`, in order.
    static func specs(_ hyperparameters: Hyperparameters) -> [StateVectorSpec] {
        Rule.State.allCases.map { Rule.stateVector($0, hyperparameters) }
    }

    /// One update of `parameters` (state.step already counts it).
    static func step(_ state: inout RuleState<Scalar>, layout: ParameterLayout, hyperparameters: Hyperparameters,
                     parameters: UnsafeMutableBufferPointer<Scalar>, gradients: UnsafeBufferPointer<Scalar>) {
        guard let p = parameters.baseAddress, let g = gradients.baseAddress else { return }
        let step = state.step
        withUnsafeMutablePointer(to: &state) { statePointer in
            let context = StepContext<Scalar>(hyperparameters: hyperparameters, step: step, layout: layout, state: statePointer)
            var body = StepBody(p: p, g: g, count: parameters.count, state: statePointer)
            Rule.withUpdate(context, &body)
        }
    }

    /// eta for every coordinate: the update of the step just taken (t = max(step, 1)), built in
    /// double precision from the same hyperparameters, evaluated on the state it left.
    static func stepSizes(_ state: RuleState<Scalar>, layout: ParameterLayout, hyperparameters: Hyperparameters) -> StepSizeReport {
        var wide = state.widened
        let count = layout.count
        return withUnsafeMutablePointer(to: &wide) { statePointer in
            let context = StepContext<Double>(hyperparameters: hyperparameters, step: max(state.step, 1), layout: layout,
                                              state: statePointer)
            var body = ElementwiseStepSizeBody(count: count, uniform: Rule.stepSizesAreUniform, state: statePointer)
            Rule.withUpdate(context, &body)
            return body.report ?? .uniform(0, count: count)
        }
    }

    private struct StepBody: ElementwiseBody {
        let p: UnsafeMutablePointer<Scalar>
        let g: UnsafePointer<Scalar>
        let count: Int
        let state: UnsafeMutablePointer<RuleState<Scalar>>

        mutating func run<Update: ElementwiseUpdate>(_ update: Update) where Update.Scalar == Scalar {
            let (p, g, count) = (self.p, self.g, self.count)
            state.pointee.withPointers { pointers in
                Parallelism.forEachSlice(count: count, ElementwiseKernel(update: update, p: p, g: g, state: pointers))
            }
        }
    }
}

/// Evaluates an update's eta over every coordinate (or once, for a uniform rate).
private struct ElementwiseStepSizeBody: ElementwiseBody {
    typealias Scalar = Double
    let count: Int
    let uniform: Bool
    let state: UnsafeMutablePointer<RuleState<Double>>
    var report: StepSizeReport?

    mutating func run<Update: ElementwiseUpdate>(_ update: Update) where Update.Scalar == Double {
        let (count, uniform) = (self.count, self.uniform)
        report = state.pointee.withPointers { pointers in
            if uniform {
                return .uniform(update.stepSize(StateLanes<ScalarLane<Double>, Update.State>(pointers: pointers, index: 0)).value, count: count)
            }
            let sizes = (0..<count).map { update.stepSize(StateLanes<ScalarLane<Double>, Update.State>(pointers: pointers, index: $0)).value }
            return StepSizeReport(groupSizes: Array(repeating: 1, count: count), stepSizes: sizes)
        }
    }
}
