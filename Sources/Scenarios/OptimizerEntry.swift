import OptimizerCore

/// One `[[optimizer]]` table: an optimizer configuration with its label and schedule.
public struct OptimizerEntry: Sendable, Equatable {
    /// Unique within the scenario; defaults to the type.
    public var label: String
    /// Kind, hyperparameters, partition.
    public var configuration: OptimizerConfiguration
    /// Learning-rate schedule (default constant).
    public var schedule: LearningRateSchedule

    /// Creates an entry.
    public init(label: String, configuration: OptimizerConfiguration, schedule: LearningRateSchedule = .constant) {
        self.label = label
        self.configuration = configuration
        self.schedule = schedule
    }
}
