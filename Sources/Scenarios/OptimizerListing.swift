import OptimizerCore

/// The optimizers section of `descent list`: every kind of a registry, its hyperparameters with
/// their defaults and valid values, and the scenario keys of rules that take a partition.
public enum OptimizerListing {
    /// The section's lines.
    public static func lines(_ registry: OptimizerRegistry) -> [String] {
        var lines = ["Optimizers ([[optimizer]] type = NAME; hyperparameters under torch's names):"]
        func defaults(_ kind: OptimizerKind) -> [(HyperparameterDescriptor, String)] {
            let values = kind.defaultHyperparameters
            return kind.descriptors.map { ($0, (values.value(named: $0.name) ?? $0.defaultValue).description) }
        }
        // One column for every default, as wide as the longest (a list such as [1e-06, 50.0]).
        let width = registry.kinds.flatMap { defaults($0).map(\.1.count) }.max().map { Swift.max($0, 12) } ?? 12
        for kind in registry.kinds {
            lines.append("  \(pad(kind.rawValue, 10)) \(kind.summary)")
            for (descriptor, value) in defaults(kind) {
                lines.append("  \(pad("", 10))   \(pad(descriptor.name, 26)) default \(pad(value, width)) \(descriptor.validRange): \(descriptor.summary)")
            }
            if kind.partition?.usesNameRules == true {
                lines.append("  \(pad("", 10))   \(pad("partition", 26)) default per problem: \"tensor\" on surfaces, \"blocks\" on quadratics, \"official\" on networks; also \"official\" (with dim, n_heads, n_kv_heads), \"coordinate\", or [sizes]")
            }
        }
        return lines
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
