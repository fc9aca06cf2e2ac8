import Objectives
import OptimizerCore

/// Several optimizers stepping the same objective from the same start, in one precision.
///
/// A race is a value: copying it snapshots every optimizer's state, which is what rewinding
/// and checkpoints rely on.
public struct Race<Scalar: OptimizerScalar>: Sendable {
    /// The objective every racer minimises.
    public let objective: any Objective
    /// The racers, in scenario order.
    public private(set) var racers: [Racer<Scalar>]
    /// Updates taken so far.
    public private(set) var step: Int = 0
    /// Where every racer started.
    public private(set) var start: [Double]
    private let problem: Problem

    /// Sets up the scenario's optimizers at its start point; the problem must have an objective
    /// (networks race in a `NetworkRace`).
    public init(scenario: Scenario) throws(PartitionError) {
        problem = scenario.problem
        guard let objective = problem.objective else { preconditionFailure("a network problem races in a NetworkRace") }
        self.objective = objective
        start = problem.start
        racers = []
        for (index, entry) in scenario.optimizers.enumerated() {
            let optimizer = try Self.build(entry.configuration, problem: problem)
            racers.append(Racer(label: entry.label, configuration: entry.configuration, schedule: entry.schedule,
                                optimizer: optimizer, objective: objective, start: start, noise: problem.noise,
                                seed: scenario.settings.seed &+ UInt64(index + 1) &* 0x9E37_79B9))
        }
    }

    /// One update for every racer that has not diverged.
    public mutating func advance() {
        for i in racers.indices {
            racers[i].advance(on: objective, completedSteps: step)
        }
        step += 1
    }

    /// Replaces a racer's configuration (e.g. a new learning rate) and replays it from step 0 to
    /// the current step, so its path is what it would have been with that setting all along.
    public mutating func retune(racer index: Int, configuration: OptimizerConfiguration) throws(PartitionError) {
        let optimizer = try Self.build(configuration, problem: problem)
        racers[index].restart(from: start, configuration: configuration, optimizer: optimizer, objective: objective)
        for t in 0..<step { racers[index].advance(on: objective, completedSteps: t) }
    }

    /// Restarts every racer from a new point at step 0.
    public mutating func restart(from point: [Double]) throws(PartitionError) {
        precondition(point.count == objective.dimension, "start point has the wrong dimension")
        start = point
        step = 0
        for i in racers.indices {
            let optimizer = try Self.build(racers[i].configuration, problem: problem)
            racers[i].restart(from: point, configuration: racers[i].configuration, optimizer: optimizer, objective: objective)
        }
    }

    private static func build(_ configuration: OptimizerConfiguration, problem: Problem) throws(PartitionError) -> any Optimizer<Scalar> {
        try problem.makeOptimizer(configuration, Scalar.self)
    }
}

extension Race {
    /// A race of just one of these racers, at step 0, with the same seed it would have had here.
    public func only(racer index: Int) -> Race {
        var copy = self
        copy.racers = [racers[index]]
        return copy
    }
}
