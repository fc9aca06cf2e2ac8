import Objectives
import Scenarios

/// Records, as the visualizer's run moves, what a scenario's claims are judged on: the same
/// `RunHistory` that `descent check` fills, kept only up to the last claim's step so a long run
/// costs nothing more.
public struct ClaimTracker: Sendable {
    /// The claims being tracked.
    public let claims: [Claim]
    /// What has been recorded so far.
    public private(set) var history: RunHistory
    private let claimSteps: Set<Int>
    private let lastStep: Int
    private let view: ViewBox?

    /// Tracks `scenario`'s claims over a race with these labels.
    public init(scenario: Scenario, labels: [String]) {
        claims = scenario.claims
        claimSteps = Set(claims.map(\.step))
        lastStep = claims.map(\.step).max() ?? -1
        view = scenario.problem.view
        history = RunHistory(labels: labels, isValidationLoss: scenario.problem.network != nil)
    }

    /// An empty tracker, for races built without a scenario.
    public init(labels: [String]) {
        claims = []
        claimSteps = []
        lastStep = -1
        view = nil
        history = RunHistory(labels: labels)
    }

    /// Every claim's verdict on the run so far (pending until the run reaches its step).
    public var verdicts: [ClaimVerdict] { ClaimJudge.judge(claims, history: history) }

    /// Records `race`'s current step, which follows the last one recorded.
    mutating func record(_ race: AnyRace) {
        guard race.step <= lastStep else { return }
        if let network = race.networkRace {
            ClaimRun.sample(network, claimSteps: claimSteps, into: &history)
            return
        }
        let minimum = race.objective?.minimumValue ?? 0
        for i in 0..<race.count {
            let divergedAt = race.snapshot(i).divergedAt
            let gap = race.loss(i) - minimum
            if divergedAt == nil { history.sample(i, step: race.step, value: gap) }
            history.observe(i, step: race.step, gap: gap, point: race.lastFinitePoint(i), view: view, divergedAt: divergedAt)
        }
    }

    /// Forgets what came after `step` and records `race`, which is at that step.
    mutating func rewind(to race: AnyRace) {
        history.truncate(after: race.step - 1)
        if race.step == 0 { history = RunHistory(labels: history.tracks.map(\.label), isValidationLoss: history.isValidationLoss) }
        record(race)
    }
}
