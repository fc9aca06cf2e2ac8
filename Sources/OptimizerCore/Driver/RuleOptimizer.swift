/// The optimizer the driver builds for an elementwise or tensor rule: hyperparameters, named
/// state, and the rule's engine.
struct RuleOptimizer<Scalar: OptimizerScalar>: Optimizer {
    let kind: OptimizerKind
    var hyperparameters: Hyperparameters
    private(set) var state: RuleState<Scalar>
    private let layout: ParameterLayout
    private let engine: RuleEngine<Scalar>

    init(kind: OptimizerKind, hyperparameters: Hyperparameters, layout: ParameterLayout, engine: RuleEngine<Scalar>) {
        self.kind = kind
        self.hyperparameters = hyperparameters
        self.layout = layout
        self.engine = engine
        state = RuleState(engine.specs(hyperparameters), layout: layout)
    }

    var learningRate: Double {
        get { hyperparameters.learningRate }
        set { hyperparameters.learningRate = newValue }
    }
    var stepCount: Int { state.step }
    var stateElementCount: Int { state.elementCount }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    mutating func step(parameters: UnsafeMutableBufferPointer<Scalar>, gradients: UnsafeBufferPointer<Scalar>) {
        precondition(parameters.count == layout.count && gradients.count == layout.count, "buffer length differs from the layout")
        state.step += 1
        guard layout.count > 0 else { return }
        engine.step(&state, layout, hyperparameters, parameters, gradients)
    }

    func stepSizes() -> StepSizeReport {
        engine.stepSizes(state, layout, hyperparameters)
    }

    mutating func reset() {
        state = RuleState(engine.specs(hyperparameters), layout: layout)
    }

    func stateVectors() -> OptimizerStateVectors<Scalar> { state.exported }

    mutating func restore(_ saved: OptimizerStateVectors<Scalar>) throws(OptimizerStateError) {
        try state.restore(saved)
    }
}
