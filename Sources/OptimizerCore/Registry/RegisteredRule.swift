/// A registry line: a rule and the driver that runs it, expanded into one entry per variant.
///
/// The line names the rule's type, and that is where its update is compiled for both
/// precisions: `.elementwise(Adam.self)`.
public struct RegisteredRule: Sendable {
    /// The rule's kinds.
    public let entries: [OptimizerRegistration]

    /// A rule whose update is one coordinate at a time.
    public static func elementwise<Rule: ElementwiseRule>(_ rule: Rule.Type) -> RegisteredRule {
        let float = RuleEngine<Float>.elementwise(rule), double = RuleEngine<Double>.elementwise(rule)
        return RegisteredRule(entries: Rule.variants.map { variant in
            OptimizerRegistration(rule, variant: variant,
                           makeFloat: { build, kind in RuleOptimizer(kind: kind, hyperparameters: build.hyperparameters, layout: build.layout, engine: float) },
                           makeDouble: { build, kind in RuleOptimizer(kind: kind, hyperparameters: build.hyperparameters, layout: build.layout, engine: double) })
        })
    }

    /// A rule whose update is one whole tensor at a time.
    public static func tensorwise<Rule: TensorRule>(_ rule: Rule.Type) -> RegisteredRule {
        let float = RuleEngine<Float>.tensorwise(rule), double = RuleEngine<Double>.tensorwise(rule)
        return RegisteredRule(entries: Rule.variants.map { variant in
            OptimizerRegistration(rule, variant: variant,
                           makeFloat: { build, kind throws(PartitionError) in
                               try Rule.check(build.layout, build.hyperparameters)
                               return RuleOptimizer(kind: kind, hyperparameters: build.hyperparameters, layout: build.layout, engine: float)
                           },
                           makeDouble: { build, kind throws(PartitionError) in
                               try Rule.check(build.layout, build.hyperparameters)
                               return RuleOptimizer(kind: kind, hyperparameters: build.hyperparameters, layout: build.layout, engine: double)
                           })
        })
    }

    /// A rule with its own optimizer type.
    public static func custom<Rule: CustomRule>(_ rule: Rule.Type) -> RegisteredRule {
        RegisteredRule(entries: Rule.variants.map { variant in
            OptimizerRegistration(rule, variant: variant,
                           makeFloat: { build, kind throws(PartitionError) in try Rule.makeOptimizer(build, kind: kind) },
                           makeDouble: { build, kind throws(PartitionError) in try Rule.makeOptimizer(build, kind: kind) })
        })
    }
}
