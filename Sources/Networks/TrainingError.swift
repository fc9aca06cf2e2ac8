import OptimizerCore

/// Anything that stops a trainer from being built or restored.
public enum TrainingError: Error, Sendable, CustomStringConvertible {
    /// The model sizes are inconsistent.
    case model(ModelConfigurationError)
    /// The dataset could not be built.
    case task(TaskError)
    /// The optimizer's partition does not fit the model.
    case partition(PartitionError)
    /// A checkpoint that cannot be used.
    case checkpoint(CheckpointError)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case .model(let e): e.description
        case .task(let e): e.description
        case .partition(let e): e.description
        case .checkpoint(let e): e.description
        }
    }
}
