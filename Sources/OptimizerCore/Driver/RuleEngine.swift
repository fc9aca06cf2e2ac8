/// A rule's step and eta for one precision, as functions: built where the rule's type is known
/// (its registry line), so that they run the rule's update specialised, while the optimizer that
/// holds them is generic over the scalar alone.
struct RuleEngine<Scalar: OptimizerScalar>: Sendable {
    /// One update; `state.step` already counts it.
    let step: @Sendable (inout RuleState<Scalar>, ParameterLayout, Hyperparameters,
                         UnsafeMutableBufferPointer<Scalar>, UnsafeBufferPointer<Scalar>) -> Void
    /// eta of the last update on the current state.
    let stepSizes: @Sendable (RuleState<Scalar>, ParameterLayout, Hyperparameters) -> StepSizeReport
    /// The state vectors under some hyperparameters.
    let specs: @Sendable (Hyperparameters) -> [StateVectorSpec]

    /// The engine of an elementwise rule.
    static func elementwise<Rule: ElementwiseRule>(_: Rule.Type) -> RuleEngine {
        RuleEngine(
            step: { state, layout, h, p, g in ElementwiseDriver<Rule, Scalar>.step(&state, layout: layout, hyperparameters: h, parameters: p, gradients: g) },
            stepSizes: { state, layout, h in ElementwiseDriver<Rule, Scalar>.stepSizes(state, layout: layout, hyperparameters: h) },
            specs: { ElementwiseDriver<Rule, Scalar>.specs($0) })
    }

    /// The engine of a tensor rule.
    static func tensorwise<Rule: TensorRule>(_: Rule.Type) -> RuleEngine {
        RuleEngine(
            step: { state, layout, h, p, g in TensorDriver<Rule, Scalar>.step(&state, layout: layout, hyperparameters: h, parameters: p, gradients: g) },
            stepSizes: { state, layout, h in TensorDriver<Rule, Scalar>.stepSizes(state, layout: layout, hyperparameters: h) },
            specs: { TensorDriver<Rule, Scalar>.specs($0) })
    }
}
