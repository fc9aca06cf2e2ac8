import Networks
import OptimizerCore

/// One optimizer training the race's network: its settings, its training state as a value, the
/// latest batch loss and validation figures, and whether it diverged.
public struct NetworkRacer: Sendable {
    /// Unique label from the scenario.
    public let label: String
    /// How the optimizer is built (retuning replaces the learning rate here).
    public internal(set) var configuration: OptimizerConfiguration
    /// Applied to the configuration's learning rate before every step.
    public let schedule: LearningRateSchedule
    /// Parameters, optimizer state, step count and batch generator.
    public internal(set) var state: TrainerState
    /// Mean loss of the latest step's batch (before its update); the validation loss at step 0.
    public internal(set) var loss: Double
    /// Global gradient norm of the latest step (before clipping).
    public internal(set) var gradientNorm: Double
    /// The learning rate the latest update used.
    public internal(set) var learningRate: Double
    /// The latest evaluation on the validation split.
    public internal(set) var validation: Evaluation
    /// The step whose update produced a non-finite loss or parameter; the racer stops there.
    public internal(set) var divergedAt: Int?
    /// Which state of its trainer slot this is, so an unchanged one is not copied back in.
    var version: UInt64

    /// Loss and accuracy on the validation split at one step.
    public struct Evaluation: Sendable, Equatable {
        /// The step evaluated.
        public var step: Int
        /// Mean validation loss.
        public var loss: Double
        /// Share of validation targets predicted right.
        public var accuracy: Double
    }

    /// The effective step sizes the optimizer keeps right now.
    public var stepSizes: StepSizeReport { state.optimizer.stepSizes() }
}
