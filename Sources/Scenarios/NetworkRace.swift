import Networks
import Objectives
import OptimizerCore

/// Several optimizers training the same network from the same initial weights on the same
/// batches, one step at a time: what `descent train --compare` does, driven step by step.
///
/// A value like `Race`: copying it keeps every racer's parameters and optimizer state, so a copy
/// taken earlier can be stepped again and gives the same numbers bit for bit.
public struct NetworkRace: Sendable {
    /// The network, dataset and batch settings.
    public let problem: NetworkProblem
    /// The racers, in scenario order.
    public private(set) var racers: [NetworkRacer]
    /// Updates taken so far.
    public private(set) var step: Int = 0
    private let seed: UInt64
    private var slots: [TrainerSlot]

    /// Builds every racer's trainer; all start from the weights the scenario's seed gives.
    public init(scenario: Scenario) throws(TrainingError) {
        guard let problem = scenario.problem.network else { preconditionFailure("not a network scenario") }
        self.problem = problem
        seed = scenario.settings.seed
        racers = []
        slots = []
        for entry in scenario.optimizers {
            let trainer = try Trainer(configuration: problem.trainingConfiguration(entry.configuration, schedule: entry.schedule, seed: seed))
            slots.append(TrainerSlot(trainer))
            racers.append(Self.fresh(entry.label, entry.configuration, entry.schedule, trainer: trainer))
        }
        for i in racers.indices { claim(i) }
    }

    /// One update for every racer that has not diverged, evaluating on the validation split every
    /// `problem.evaluationInterval` steps.
    public mutating func advance() {
        for i in racers.indices { advance(racer: i, completedSteps: step) }
        step += 1
    }

    private mutating func advance(racer i: Int, completedSteps: Int) {
        guard racers[i].divergedAt == nil else { return }
        load(i)
        let trainer = slots[i].trainer
        let report = trainer.step()
        var racer = racers[i]
        racer.loss = report.loss
        racer.gradientNorm = report.gradientNorm
        racer.learningRate = report.learningRate
        if !report.loss.isFinite || !trainer.parameters.allSatisfy(\.isFinite) {
            racer.divergedAt = completedSteps + 1
        } else if (completedSteps + 1) % problem.evaluationInterval == 0 {
            let result = trainer.evaluate()
            racer.validation = .init(step: completedSteps + 1, loss: result.meanLoss, accuracy: result.accuracy)
        }
        racer.state = trainer.state
        racers[i] = racer
        claim(i)
    }

    /// Replaces a racer's optimizer settings and retrains it from step 0 to the current step.
    public mutating func retune(racer index: Int, configuration: OptimizerConfiguration) throws(TrainingError) {
        let old = racers[index]
        let trainer = try Trainer(configuration: problem.trainingConfiguration(configuration, schedule: old.schedule, seed: seed))
        // Other copies of the race keep the old trainer in the old slot.
        slots[index] = TrainerSlot(trainer)
        racers[index] = Self.fresh(old.label, configuration, old.schedule, trainer: trainer)
        claim(index)
        for t in 0..<step { advance(racer: index, completedSteps: t) }
    }

    /// The validation loss and accuracy of racer `index`'s current parameters, computed now.
    public func evaluate(_ index: Int) -> NetworkRacer.Evaluation {
        load(index)
        let result = slots[index].trainer.evaluate()
        return .init(step: step, loss: result.meanLoss, accuracy: result.accuracy)
    }

    /// Evaluates every racer that has not diverged on the validation split now (the last step of
    /// a run, so its figures are at the step it ends on).
    public mutating func evaluateAll() {
        for i in racers.indices where racers[i].divergedAt == nil && racers[i].validation.step != step {
            racers[i].validation = evaluate(i)
        }
    }

    /// The trainer of racer `index` holding that racer's current state (for Hessians and exports).
    public func trainer(_ index: Int) -> Trainer {
        load(index)
        return slots[index].trainer
    }

    private static func fresh(_ label: String, _ configuration: OptimizerConfiguration, _ schedule: LearningRateSchedule,
                              trainer: Trainer) -> NetworkRacer {
        let initial = trainer.evaluate()
        let validation = NetworkRacer.Evaluation(step: 0, loss: initial.meanLoss, accuracy: initial.accuracy)
        var racer = NetworkRacer(label: label, configuration: configuration, schedule: schedule, state: trainer.state,
                                 loss: initial.meanLoss, gradientNorm: .nan, learningRate: trainer.learningRate,
                                 validation: validation, divergedAt: nil, version: 0)
        if !initial.meanLoss.isFinite { racer.divergedAt = 0 }
        return racer
    }

    /// Marks the trainer's current state as racer `index`'s.
    private mutating func claim(_ index: Int) {
        let version = slots[index].nextVersion()
        racers[index].version = version
        slots[index].loaded = version
    }

    /// Puts racer `index`'s state into its trainer unless the trainer holds it already.
    private func load(_ index: Int) {
        let slot = slots[index]
        guard slot.loaded != racers[index].version else { return }
        slot.trainer.state = racers[index].state
        slot.loaded = racers[index].version
    }
}
