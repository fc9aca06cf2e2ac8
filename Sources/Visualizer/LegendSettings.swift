import OptimizerCore

/// What the legend says about an optimizer's settings: its type when the label does not say it,
/// the learning rate, every value that differs from torch's default, the momentum of the
/// momentum and Nesterov kinds (which differ only there), the partition of Adam-mini and
/// block-GD, and the schedule when there is one.
enum LegendSettings {
    static func text(label: String, configuration: OptimizerConfiguration, schedule: LearningRateSchedule,
                     defaultPartition: PartitionStrategy?) -> String {
        var parts: [String] = []
        let kind = configuration.kind
        if label.lowercased() != kind.rawValue { parts.append(kind.rawValue) }
        parts.append(configuration.shortDescription)
        if kind == .momentum || kind == .nesterov,
           let momentum = configuration.hyperparameters.namedValues.first(where: { $0.name == "momentum" }),
           !parts.last!.contains("momentum=") {
            if case .real(let value) = momentum.value { parts.append("momentum=\(Formatting.number(value))") }
        }
        if configuration.partition == nil, kind == .adamMini || kind == .blockGD, let defaultPartition {
            parts.append("partition=\(defaultPartition.name)")
        }
        if schedule != .constant { parts.append("schedule=\(schedule.name)") }
        return parts.filter { !$0.isEmpty }.joined(separator: " ")
    }
}
