import Objectives
import OptimizerCore

/// One optimizer in a race: its optimizer, parameters, the loss where it stands, and whether it
/// has diverged.
public struct Racer<Scalar: OptimizerScalar>: Sendable {
    /// Unique label from the scenario.
    public let label: String
    /// How to rebuild the optimizer (retuning replaces the learning rate here).
    public private(set) var configuration: OptimizerConfiguration
    /// Applied to the configuration's learning rate before every step.
    public let schedule: LearningRateSchedule
    /// The optimizer with its state.
    public private(set) var optimizer: any Optimizer<Scalar>
    /// Current parameters.
    public private(set) var parameters: [Scalar]
    /// f at the current parameters.
    public private(set) var loss: Double
    /// Norm of the exact gradient at the current parameters.
    public private(set) var gradientNorm: Double
    /// The step whose update produced a non-finite value; the racer stops there.
    public private(set) var divergedAt: Int?
    /// Why the optimizer stopped when its numbers are still finite (Newton on a singular system).
    public private(set) var failure: OptimizerFailure?
    /// The last parameters that were all finite (what a plot shows after divergence).
    public private(set) var lastFinitePoint: [Double]

    private var exactGradient: [Double]
    private var stepGradient: [Scalar]
    private var point: [Double]
    private var noise: SeededGenerator
    private let noiseScale: Double
    private let seed: UInt64

    /// Creates a racer at `start`.
    init(label: String, configuration: OptimizerConfiguration, schedule: LearningRateSchedule,
         optimizer: any Optimizer<Scalar>, objective: any Objective, start: [Double], noise: Double, seed: UInt64) {
        self.label = label
        self.configuration = configuration
        self.schedule = schedule
        self.optimizer = optimizer
        self.noiseScale = noise
        self.seed = seed
        self.noise = SeededGenerator(seed: seed)
        parameters = start.map { Scalar($0) }
        point = parameters.map(Double.init)
        lastFinitePoint = point
        exactGradient = Array(repeating: 0, count: start.count)
        stepGradient = Array(repeating: 0, count: start.count)
        loss = 0
        gradientNorm = 0
        evaluate(objective)
        if !loss.isFinite || !point.allSatisfy(\.isFinite) { divergedAt = 0 }
    }

    /// Takes one update unless diverged; `completedSteps` is the race's step count before it.
    mutating func advance(on objective: any Objective, completedSteps: Int) {
        guard divergedAt == nil else { return }
        optimizer.learningRate = schedule.learningRate(base: configuration.hyperparameters.learningRate,
                                                       completedSteps: completedSteps)
        for i in 0..<stepGradient.count {
            let g = noiseScale > 0 ? exactGradient[i] + noiseScale * noise.nextGaussian() : exactGradient[i]
            stepGradient[i] = Scalar(g)
        }
        stepGradient.withUnsafeBufferPointer { g in
            parameters.withUnsafeMutableBufferPointer { p in optimizer.step(parameters: p, gradients: g) }
        }
        if let failed = (optimizer as? any FallibleOptimizer)?.failure {
            failure = failed
            divergedAt = completedSteps + 1
            return
        }
        evaluate(objective)
        if loss.isFinite && point.allSatisfy(\.isFinite) {
            for i in 0..<point.count { lastFinitePoint[i] = point[i] }
        } else {
            divergedAt = completedSteps + 1
        }
    }

    /// Starts over from `start` with a rebuilt optimizer (after a retune or a new start point).
    mutating func restart(from start: [Double], configuration: OptimizerConfiguration,
                          optimizer: any Optimizer<Scalar>, objective: any Objective) {
        self = Racer(label: label, configuration: configuration, schedule: schedule, optimizer: optimizer,
                     objective: objective, start: start, noise: noiseScale, seed: seed)
    }

    /// The current parameters in double precision.
    public var position: [Double] { point }

    private mutating func evaluate(_ objective: any Objective) {
        for i in 0..<parameters.count { point[i] = Double(parameters[i]) }
        loss = point.withUnsafeBufferPointer { x in
            exactGradient.withUnsafeMutableBufferPointer { objective.valueAndGradient(at: x, gradient: $0) }
        }
        var sum = 0.0
        for g in exactGradient { sum += g * g }
        gradientNorm = sum.squareRoot()
    }
}
