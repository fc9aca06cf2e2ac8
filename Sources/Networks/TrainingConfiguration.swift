import OptimizerCore

/// Everything that determines a training run; stored in checkpoints.
public struct TrainingConfiguration: Codable, Sendable, Hashable {
    /// The network and its sizes.
    public var model: ModelConfiguration
    /// The dataset.
    public var task: TaskConfiguration
    /// The optimizer, its hyperparameters (base learning rate included) and partition.
    public var optimizer: OptimizerConfiguration
    /// The learning-rate schedule applied between steps.
    public var schedule: LearningRateSchedule
    /// Global gradient-norm clipping threshold (torch `clip_grad_norm_`), nil for none.
    public var clip: Double?
    /// Examples per step.
    public var batchSize: Int
    /// Seeds the dataset, the initial weights and the batch order.
    public var seed: UInt64

    /// Creates a configuration.
    public init(model: ModelConfiguration, task: TaskConfiguration, optimizer: OptimizerConfiguration,
                schedule: LearningRateSchedule = .constant, clip: Double? = nil, batchSize: Int, seed: UInt64) {
        self.model = model
        self.task = task
        self.optimizer = optimizer
        self.schedule = schedule
        self.clip = clip
        self.batchSize = batchSize
        self.seed = seed
    }
}
