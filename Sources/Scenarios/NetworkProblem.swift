import Networks
import OptimizerCore

/// The `[problem]` of a network scenario: which network learns which dataset, in what batches.
public struct NetworkProblem: Sendable {
    /// The network and its sizes.
    public var model: ModelConfiguration
    /// The dataset (rebuilt from the run's seed).
    public var task: TaskConfiguration
    /// Examples per step.
    public var batchSize: Int
    /// Global gradient-norm clipping threshold, nil for none.
    public var clip: Double?
    /// Steps between evaluations on the validation split.
    public var evaluationInterval: Int
    /// The network's parameter layout (Llama names for the transformer).
    public var layout: ParameterLayout
    /// A one-line description of the dataset, e.g. `modadd p=23 (264 train / 265 validation)`.
    public var taskSummary: String
    /// Accuracy of guessing a class uniformly at random.
    public var chanceAccuracy: Double

    /// The partition Adam-mini uses when the optimizer table names none: the official rules,
    /// sized for this model.
    public var defaultPartition: PartitionStrategy

    /// The full run of one optimizer on this problem, from the scenario's seed.
    public func trainingConfiguration(_ optimizer: OptimizerConfiguration, schedule: LearningRateSchedule,
                                      seed: UInt64) -> TrainingConfiguration {
        TrainingConfiguration(model: model, task: task, optimizer: optimizer, schedule: schedule, clip: clip,
                              batchSize: batchSize, seed: seed)
    }
}
