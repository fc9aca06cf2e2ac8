import OptimizerCore

/// Everything a `Trainer` changes as it steps: a value, so a live screen can keep earlier states
/// and put one back to rewind, while the network, its scratch and the dataset stay shared.
public struct TrainerState: Sendable {
    /// The parameters, laid out by the network's layout.
    public var parameters: [Float]
    /// The optimizer with its state (a value type: copying it snapshots the state).
    public var optimizer: any Optimizer<Float>
    /// Steps completed.
    public var completedSteps: Int
    /// The batch generator.
    public var generator: SeededGenerator
    /// Mean training loss on the first batch, once a step has been taken.
    public var initialLoss: Double?

    /// Scalars held: parameters plus optimizer state (what a kept copy costs, in elements).
    public var elementCount: Int { parameters.count + optimizer.stateElementCount }
}

extension Trainer {
    /// The run's current state; setting it puts an earlier state back (same configuration only).
    public var state: TrainerState {
        get {
            TrainerState(parameters: parameters, optimizer: optimizer, completedSteps: completedSteps,
                         generator: generator, initialLoss: initialLoss)
        }
        set {
            precondition(newValue.parameters.count == parameters.count, "a state of another network")
            parameters = newValue.parameters
            optimizer = newValue.optimizer
            completedSteps = newValue.completedSteps
            generator = newValue.generator
            initialLoss = newValue.initialLoss
        }
    }
}
