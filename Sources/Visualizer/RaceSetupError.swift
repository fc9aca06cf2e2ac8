import Networks
import OptimizerCore
import Scenarios

/// Why a race could not be set up or retuned: a partition that does not fit the parameters, or a
/// network that cannot be built.
public enum RaceSetupError: Error, Sendable, CustomStringConvertible {
    /// Adam-mini's partition does not fit.
    case partition(PartitionError)
    /// The network, its dataset or its optimizer could not be built.
    case training(TrainingError)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case .partition(let error): error.description
        case .training(let error): error.message(naming: \.scenarioKey)
        }
    }
}
