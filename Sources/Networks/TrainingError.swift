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

    /// The message with every setting named by `name` (a flag, a file's key).
    public func message(naming name: (NetworkField) -> String) -> String {
        switch self {
        case .model(let e): e.message(naming: name)
        case .task(let e): e.message(naming: name)
        case .partition(let e): e.description
        case .checkpoint(let e): e.description
        }
    }

    /// The message with settings named as their configuration properties.
    public var description: String { message(naming: \.rawValue) }
}
