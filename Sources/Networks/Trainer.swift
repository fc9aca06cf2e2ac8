import OptimizerCore

/// Trains one network with one optimizer: the model, its data, the optimizer, the schedule and
/// clipping, advanced one `step()` at a time so a command line or a live screen can drive it.
///
/// Everything a step reads (parameters, optimizer state, step count, the batch generator) is in
/// `checkpoint()`, and every kernel computes each output in a fixed order, so a restored trainer
/// continues bit-for-bit as if it had never stopped.
public final class Trainer {
    /// The run's configuration.
    public let configuration: TrainingConfiguration
    /// The dataset.
    public let task: any TrainingTask
    /// The network (Float precision).
    public let network: any NeuralNetwork<Float>
    /// The parameters, laid out by `network.layout`.
    public internal(set) var parameters: [Float]
    /// The gradients of the last step (before clipping).
    public private(set) var gradients: [Float]
    /// The optimizer with its state.
    public internal(set) var optimizer: any Optimizer<Float>
    /// Steps completed.
    public internal(set) var completedSteps = 0
    /// Draws the batches; saved so a resumed run sees the same batches.
    public internal(set) var generator: SeededGenerator
    /// Mean validation-free training loss on the first batch, for reports.
    public internal(set) var initialLoss: Double?
    private var batch = Batch()
    private let validationBatches: [Batch]

    /// Builds the dataset, network, fresh parameters (seeded) and optimizer of `configuration`.
    public init(configuration: TrainingConfiguration) throws(TrainingError) {
        self.configuration = configuration
        do {
            let asTokens: Bool
            if case .transformer = configuration.model { asTokens = true } else { asTokens = false }
            task = try configuration.task.makeTask(seed: configuration.seed, asTokens: asTokens)
        } catch { throw .task(error) }
        do {
            network = try configuration.model.makeNetwork(Float.self, maximumBatch: configuration.batchSize)
        } catch { throw .model(error) }
        do {
            optimizer = try configuration.optimizer.makeOptimizer(Float.self, layout: network.layout,
                                                                   defaultPartition: network.defaultPartition, network: true)
        } catch { throw .partition(error) }
        var initialisation = SeededGenerator(seed: configuration.seed)
        parameters = network.initialParameters(generator: &initialisation)
        gradients = [Float](repeating: 0, count: parameters.count)
        generator = SeededGenerator(seed: configuration.seed &+ 1)
        let chunk = configuration.batchSize
        let validationCount = task.count(.validation)
        validationBatches = stride(from: 0, to: validationCount, by: chunk).map { [task] start in
            task.batch(.validation, start..<min(start + chunk, validationCount))
        }
    }

    /// The learning rate of the next update.
    public var learningRate: Double {
        configuration.schedule.learningRate(base: configuration.optimizer.hyperparameters.learningRate,
                                            completedSteps: completedSteps)
    }

    /// One update on a fresh random batch: forward, backward, clip, schedule, optimizer step.
    ///
    /// Runs with subnormal floats flushed to zero (see `FloatingPointMode`): weight decay pushes
    /// weights and moments into the subnormal range late in training, where every operation on
    /// them would take a slow path. The caller's mode is restored on return.
    @discardableResult
    public func step() -> StepReport {
        FloatingPointMode.withSubnormalsFlushed { flushedStep() }
    }

    private func flushedStep() -> StepReport {
        batch.removeAll()
        let available = task.count(.training)
        for _ in 0..<configuration.batchSize {
            task.append(.training, index: Int(generator.next() % UInt64(available)), to: &batch)
        }
        let result = parameters.withUnsafeBufferPointer { p in
            gradients.withUnsafeMutableBufferPointer { g in
                network.run(parameters: p.baseAddress!, gradients: g.baseAddress!, batch: batch)
            }
        }
        if initialLoss == nil { initialLoss = result.meanLoss }
        let norm = GradientClipping.globalNorm(gradients)
        let rate = learningRate
        optimizer.learningRate = rate
        parameters.withUnsafeMutableBufferPointer { p in
            gradients.withUnsafeMutableBufferPointer { g in
                if let clip = configuration.clip { GradientClipping.clip(g, norm: norm, maximum: clip) }
                optimizer.step(parameters: p, gradients: UnsafeBufferPointer(g))
            }
        }
        completedSteps += 1
        return StepReport(step: completedSteps, loss: result.meanLoss, accuracy: result.accuracy,
                          gradientNorm: norm, learningRate: rate)
    }

    /// Loss and accuracy over the whole validation split, in the same arithmetic as `step()`.
    public func evaluate() -> BatchResult {
        var total = BatchResult()
        FloatingPointMode.withSubnormalsFlushed {
            parameters.withUnsafeBufferPointer { p in
                for batch in validationBatches {
                    total.merge(network.run(parameters: p.baseAddress!, gradients: nil, batch: batch))
                }
            }
        }
        return total
    }

    /// Tokens (transformer) or examples (MLP) consumed per step.
    public var itemsPerStep: Int {
        switch task.input {
        case .tokens(_, let context): configuration.batchSize * context
        case .features: configuration.batchSize
        }
    }

    /// Number of parameters.
    public var parameterCount: Int { parameters.count }

    /// The complete state of the run.
    public func checkpoint() -> Checkpoint {
        Checkpoint(configuration: configuration, layout: network.layout, completedSteps: completedSteps,
                   generator: generator, initialLoss: initialLoss, parameters: parameters,
                   optimizerState: optimizer.stateVectors())
    }

    /// Rebuilds the run of `checkpoint` and restores its exact state.
    public convenience init(resuming checkpoint: Checkpoint) throws(TrainingError) {
        try self.init(configuration: checkpoint.configuration)
        guard checkpoint.layout == network.layout, checkpoint.parameterBits.count == parameters.count else {
            throw .checkpoint(.shapeMismatch(expected: network.layout.count, found: checkpoint.parameterBits.count))
        }
        do {
            try optimizer.restore(checkpoint.optimizerStateVectors())
        } catch { throw .checkpoint(.optimizerState(error.description)) }
        parameters = checkpoint.parameterBits.map(Float.init(bitPattern:))
        completedSteps = checkpoint.completedSteps
        generator = checkpoint.generator
        initialLoss = checkpoint.initialLoss
    }
}
