import Networks
import Objectives
import OptimizerCore

/// Runs a scenario headless, with the same races `descent run` steps, far enough to judge its
/// claims, and records the history they are judged on.
public enum ClaimRun {
    /// The history of `scenario` up to its last claim's step (every step of a formula problem;
    /// on a network the validation loss at every evaluation and at every claim's step).
    public static func history(_ scenario: Scenario) throws -> RunHistory {
        let last = scenario.claims.map(\.step).max() ?? 0
        if scenario.problem.network != nil {
            return try networkHistory(NetworkRace(scenario: scenario), claimSteps: Set(scenario.claims.map(\.step)), through: last)
        }
        switch scenario.settings.precision {
        case .double: return record(try Race<Double>(scenario: scenario), view: scenario.problem.view, through: last)
        case .float: return record(try Race<Float>(scenario: scenario), view: scenario.problem.view, through: last)
        }
    }

    /// The verdicts on every claim of `scenario`.
    public static func verdicts(_ scenario: Scenario) throws -> [ClaimVerdict] {
        ClaimJudge.judge(scenario.claims, history: try history(scenario))
    }

    /// Records a formula race's loss gaps at every step from its current one through `last`.
    public static func record<T: OptimizerScalar>(_ start: Race<T>, view: ViewBox?, through last: Int) -> RunHistory {
        var race = start
        var history = RunHistory(labels: race.racers.map(\.label))
        sample(race, view: view, into: &history)
        while race.step < last, race.racers.contains(where: { $0.divergedAt == nil }) {
            race.advance()
            sample(race, view: view, into: &history)
        }
        return history
    }

    /// Adds a formula race's current step to `history`.
    public static func sample<T: OptimizerScalar>(_ race: Race<T>, view: ViewBox?, into history: inout RunHistory) {
        let minimum = race.objective.minimumValue ?? 0
        for (i, racer) in race.racers.enumerated() {
            let gap = racer.loss - minimum
            if racer.divergedAt == nil { history.sample(i, step: race.step, value: gap) }
            history.observe(i, step: race.step, gap: gap, point: racer.position, view: view, divergedAt: racer.divergedAt)
        }
    }

    private static func networkHistory(_ start: NetworkRace, claimSteps: Set<Int>, through last: Int) -> RunHistory {
        var race = start
        var history = RunHistory(labels: race.racers.map(\.label), isValidationLoss: true)
        sample(race, claimSteps: claimSteps, into: &history)
        while race.step < last, race.racers.contains(where: { $0.divergedAt == nil }) {
            race.advance()
            sample(race, claimSteps: claimSteps, into: &history)
        }
        return history
    }

    /// Adds a network race's current step: the validation loss where the race evaluated (or a
    /// claim needs it), and the batch loss as the divergence measure.
    public static func sample(_ race: NetworkRace, claimSteps: Set<Int>, into history: inout RunHistory) {
        for (i, racer) in race.racers.enumerated() {
            if racer.divergedAt == nil {
                if racer.validation.step == race.step {
                    history.sample(i, step: race.step, value: racer.validation.loss)
                } else if claimSteps.contains(race.step) {
                    history.sample(i, step: race.step, value: race.evaluate(i).loss)
                }
            }
            // Step 0 has no batch loss yet; the validation loss stands in for it.
            let gap = race.step == 0 ? racer.validation.loss : racer.loss
            history.observe(i, step: race.step, gap: gap, divergedAt: racer.divergedAt)
        }
    }
}
