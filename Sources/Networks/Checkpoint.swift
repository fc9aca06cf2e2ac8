import OptimizerCore

/// A training run frozen between two steps: configuration, parameters, optimizer state, step,
/// schedule position and batch generator.
///
/// Floats are stored as their bit patterns so a save/load round trip is exact.
public struct Checkpoint: Codable, Sendable, Equatable {
    /// Format version, bumped on incompatible changes.
    public static let currentVersion = 2

    /// The format version of this checkpoint.
    public var version = Checkpoint.currentVersion
    /// The run's configuration.
    public var configuration: TrainingConfiguration
    /// The parameter layout, to reject a checkpoint of another shape.
    public var layout: ParameterLayout
    /// Steps completed.
    public var completedSteps: Int
    /// The schedule's position: the number of updates it has scheduled (equal to the steps).
    public var schedulePosition: Int
    /// The batch generator's state.
    public var generator: SeededGenerator
    /// The first step's training loss.
    public var initialLoss: Double?
    /// Parameter bit patterns.
    public var parameterBits: [UInt32]
    /// The optimizer's step count.
    public var optimizerStep: Int
    /// The optimizer's named state vectors as bit patterns.
    public var optimizerVectors: [NamedBits]

    /// One named vector of Float bit patterns.
    public struct NamedBits: Codable, Sendable, Equatable {
        /// The vector's name (e.g. `exp_avg`).
        public var name: String
        /// The values' bit patterns.
        public var bits: [UInt32]
    }

    /// Captures a run's state.
    public init(configuration: TrainingConfiguration, layout: ParameterLayout, completedSteps: Int,
                generator: SeededGenerator, initialLoss: Double?, parameters: [Float],
                optimizerState: OptimizerStateVectors<Float>) {
        self.configuration = configuration
        self.layout = layout
        self.completedSteps = completedSteps
        schedulePosition = completedSteps
        self.generator = generator
        self.initialLoss = initialLoss
        parameterBits = parameters.map(\.bitPattern)
        optimizerStep = optimizerState.step
        optimizerVectors = optimizerState.vectors.map { NamedBits(name: $0.name, bits: $0.values.map(\.bitPattern)) }
    }

    /// The optimizer state in the core's form.
    public func optimizerStateVectors() -> OptimizerStateVectors<Float> {
        OptimizerStateVectors(step: optimizerStep, vectors: optimizerVectors.map {
            .init(name: $0.name, values: $0.bits.map(Float.init(bitPattern:)))
        })
    }
}
