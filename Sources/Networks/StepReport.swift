/// What one training step did.
public struct StepReport: Sendable, Equatable {
    /// Steps completed, this one included.
    public var step: Int
    /// Mean training loss on the step's batch, before the update.
    public var loss: Double
    /// Share of the batch's targets predicted correctly, before the update.
    public var accuracy: Double
    /// Global gradient norm before clipping.
    public var gradientNorm: Double
    /// The learning rate the update used.
    public var learningRate: Double
}
