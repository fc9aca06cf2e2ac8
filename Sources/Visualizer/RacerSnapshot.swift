import OptimizerCore
import Scenarios

/// What the screen shows about one racer at the current step, in double precision.
public struct RacerSnapshot: Sendable {
    /// The scenario's label.
    public var label: String
    /// Kind, hyperparameters and partition (retuning changes the learning rate here).
    public var configuration: OptimizerConfiguration
    /// The learning-rate schedule.
    public var schedule: LearningRateSchedule
    /// f at the current parameters; for a network, the latest batch loss.
    public var loss: Double
    /// Norm of the exact gradient (a network: of the latest batch's gradient).
    public var gradientNorm: Double
    /// The step whose update went non-finite, if any.
    public var divergedAt: Int?
    /// Why the optimizer stopped with finite numbers, if it did (Newton on a singular system).
    public var failure: OptimizerFailure?
    /// The last finite parameters (formula problems; empty for networks).
    public var point: [Double]
    /// The effective step sizes the optimizer keeps right now.
    public var stepSizes: StepSizeReport
    /// eta of the update that produced the current point; nil before an adaptive method's first update.
    public var effectiveStepSizes: StepSizeReport?
    /// Scalars of optimizer state.
    public var stateElementCount: Int
    /// Bytes of optimizer state.
    public var stateBytes: Int
    /// Which tensors took which update, for optimizers that mix them (Muon on a network).
    public var tensorUpdates: [(update: String, tensors: [String])] = []
    /// The latest validation loss and accuracy (networks only).
    public var validation: NetworkRacer.Evaluation?

    init<T: OptimizerScalar>(_ racer: Racer<T>) {
        label = racer.label
        configuration = racer.configuration
        schedule = racer.schedule
        loss = racer.loss
        gradientNorm = racer.gradientNorm
        divergedAt = racer.divergedAt
        failure = racer.failure
        point = racer.lastFinitePoint
        stepSizes = racer.optimizer.stepSizes()
        // The same report, not a second one: a snapshot is taken many times a frame.
        effectiveStepSizes = racer.optimizer.hasEffectiveStepSizes ? stepSizes : nil
        stateElementCount = racer.optimizer.stateElementCount
        stateBytes = racer.optimizer.stateBytes
    }

    init(_ racer: NetworkRacer) {
        label = racer.label
        configuration = racer.configuration
        schedule = racer.schedule
        loss = racer.loss
        gradientNorm = racer.gradientNorm
        divergedAt = racer.divergedAt
        point = []
        stepSizes = racer.stepSizes
        effectiveStepSizes = racer.state.optimizer.hasEffectiveStepSizes ? stepSizes : nil
        stateElementCount = racer.state.optimizer.stateElementCount
        stateBytes = racer.state.optimizer.stateBytes
        tensorUpdates = (racer.state.optimizer as? any TensorUpdateAssignment)?.tensorUpdates ?? []
        validation = racer.validation
    }
}
