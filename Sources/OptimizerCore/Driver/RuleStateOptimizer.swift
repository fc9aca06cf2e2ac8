/// An optimizer whose hyperparameters and named state are the driver's types: the bookkeeping
/// every such optimizer shares (the learning rate, counts, export and restore by name).
protocol RuleStateOptimizer: Optimizer {
    /// The hyperparameters, learning rate included.
    var hyperparameters: Hyperparameters { get set }
    /// The step count and the named state vectors.
    var state: RuleState<Scalar> { get set }
}

extension RuleStateOptimizer {
    var learningRate: Double {
        get { hyperparameters.learningRate }
        set { hyperparameters.learningRate = newValue }
    }
    var stepCount: Int { state.step }
    var stateElementCount: Int { state.elementCount }

    func stateVectors() -> OptimizerStateVectors<Scalar> { state.exported }

    mutating func restore(_ saved: OptimizerStateVectors<Scalar>) throws(OptimizerStateError) {
        try state.restore(saved)
    }
}
