/// One registered kind: its variant of a rule, the rule's facts, and how to build it in either
/// precision. Entries come from an `OptimizerRegistry` line; `OptimizerKind` wraps one.
public final class OptimizerRegistration: Sendable {
    /// The kind's name, summary and defaults.
    public let variant: OptimizerVariant
    /// The settable hyperparameters with this kind's defaults, in the rule's order.
    public let descriptors: [HyperparameterDescriptor]
    /// Every hyperparameter the rule reads, pinned ones included, with this kind's values.
    let allDescriptors: [HyperparameterDescriptor]
    /// The hyperparameter schedules and the UI scale.
    public let learningRateName: String
    /// Whether eta comes from gradient statistics.
    public let adaptsStepSizes: Bool
    /// Whether the rule needs the problem's exact Hessian.
    public let needsHessian: Bool
    /// How the rule uses a partition, if at all.
    public let partition: PartitionUse?
    let validate: @Sendable (Hyperparameters) throws(HyperparameterError) -> Void
    let stabilityThreshold: @Sendable (Hyperparameters) -> Double
    let weightDecay: @Sendable (Hyperparameters) -> WeightDecay
    let makeFloat: @Sendable (OptimizerBuild, OptimizerKind) throws(PartitionError) -> any Optimizer<Float>
    let makeDouble: @Sendable (OptimizerBuild, OptimizerKind) throws(PartitionError) -> any Optimizer<Double>

    init<Rule: OptimizerRule>(
        _: Rule.Type, variant: OptimizerVariant,
        makeFloat: @escaping @Sendable (OptimizerBuild, OptimizerKind) throws(PartitionError) -> any Optimizer<Float>,
        makeDouble: @escaping @Sendable (OptimizerBuild, OptimizerKind) throws(PartitionError) -> any Optimizer<Double>
    ) {
        self.variant = variant
        let all = Rule.hyperparameters.map { d in
            HyperparameterDescriptor(d.name, d.summary, d.kind, default: variant.fixed[d.name] ?? variant.defaults[d.name] ?? d.defaultValue)
        }
        precondition(Set(variant.defaults.keys).union(variant.fixed.keys).isSubset(of: all.map(\.name)),
                     "\(variant.name) sets a default of a hyperparameter its rule does not have")
        allDescriptors = all
        descriptors = all.filter { variant.fixed[$0.name] == nil }
        learningRateName = Rule.learningRateName
        adaptsStepSizes = Rule.adaptsStepSizes
        needsHessian = Rule.needsHessian
        partition = Rule.partition
        validate = { h throws(HyperparameterError) in try Rule.validate(h) }
        stabilityThreshold = { Rule.stabilityThreshold($0) }
        weightDecay = { Rule.weightDecay($0) }
        self.makeFloat = makeFloat
        self.makeDouble = makeDouble
    }

    /// The kind's name.
    public var name: String { variant.name }

    /// Builds the optimizer in precision `Scalar`.
    func make<Scalar: OptimizerScalar>(_: Scalar.Type, _ build: OptimizerBuild, kind: OptimizerKind) throws(PartitionError) -> any Optimizer<Scalar> {
        if Scalar.self == Float.self { return try makeFloat(build, kind) as! any Optimizer<Scalar> }
        return try makeDouble(build, kind) as! any Optimizer<Scalar>
    }
}
