import OptimizerCore

/// What the legend says about an optimizer's settings: its type when the label does not say it,
/// the learning rate, every value that differs from the kind's default, the values that tell a
/// kind from its siblings (the momentum of the momentum and Nesterov kinds), the partition of
/// rules that use one (Adam-mini, block-GD), and the schedule when there is one. Numbers are in `Formatting.number`'s form, as
/// everywhere else on screen.
enum LegendSettings {
    /// Block sizes listed in full up to this many; longer lists end in an ellipsis.
    static let maximumListedBlocks = 8

    static func text(label: String, configuration: OptimizerConfiguration, schedule: LearningRateSchedule,
                     defaultPartition: PartitionStrategy?) -> String {
        var parts: [String] = []
        let kind = configuration.kind
        if label.lowercased() != kind.rawValue { parts.append(kind.rawValue) }
        let defaults = kind.defaultHyperparameters
        for (name, value) in configuration.hyperparameters.namedValues
        where name == kind.learningRateName || defaults.value(named: name) != value || kind.alwaysShown.contains(name) {
            parts.append("\(name)=\(text(value))")
        }
        if kind.partition != nil, let partition = configuration.partition ?? defaultPartition {
            parts.append("partition=\(text(partition))")
        }
        if schedule != .constant { parts.append("schedule=\(schedule.name)") }
        return parts.joined(separator: " ")
    }

    /// `[2,5,1,4]` for explicit block sizes, else the partition's name.
    static func text(_ partition: PartitionStrategy) -> String {
        guard case .explicit(let sizes) = partition else { return partition.name }
        let listed = sizes.prefix(maximumListedBlocks).map(String.init).joined(separator: ",")
        return "[" + listed + (sizes.count > maximumListedBlocks ? ",…" : "") + "]"
    }

    private static func text(_ value: HyperValue) -> String {
        switch value {
        case .real(let x): Formatting.number(x)
        case .flag(let b): b ? "on" : "off"
        case .pair(let a, let b): "(\(Formatting.number(a)),\(Formatting.number(b)))"
        case .list(let xs): "(" + xs.map(Formatting.number).joined(separator: ",") + ")"
        case .choice(let name): name
        }
    }
}
