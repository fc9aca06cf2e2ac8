/// Judges claims against a run's history: a pure function of the two.
public enum ClaimJudge {
    /// Every claim's verdict, in order.
    public static func judge(_ claims: [Claim], history: RunHistory) -> [ClaimVerdict] {
        claims.map { judge($0, history: history) }
    }

    /// One claim's verdict: pending (`holds == nil`) until the history reaches its step, except
    /// that `reaches` holds as soon as the bound is reached.
    public static func judge(_ claim: Claim, history: RunHistory) -> ClaimVerdict {
        var verdict = ClaimVerdict(claim: claim, holds: nil, measurements: [])
        guard let track = history.track(claim.optimizer) else { return verdict }
        let reached = history.lastStep >= claim.step
        switch claim.test {
        case .below(let bound), .above(let bound):
            guard reached else { return verdict }
            let value = measured(track, at: claim.step)
            verdict.measurements = [value]
            // A diverged loss is unbounded: above anything, below nothing.
            let isBelow = value.value.map { $0 < bound } ?? false
            let isAbove = value.value.map { $0 > bound } ?? track.hasDiverged(by: claim.step)
            if case .below = claim.test { verdict.holds = isBelow } else { verdict.holds = isAbove }
        case .beats(let otherLabel, let factor):
            guard reached, let other = history.track(otherLabel) else { return verdict }
            let mine = measured(track, at: claim.step), theirs = measured(other, at: claim.step)
            verdict.measurements = [mine, theirs]
            // A diverged optimizer never beats anything, and anything finite beats a diverged one.
            if track.hasDiverged(by: claim.step) || mine.value == nil {
                verdict.holds = false
            } else if other.hasDiverged(by: claim.step) || theirs.value == nil {
                verdict.holds = true
            } else {
                // Divided rather than multiplied: mine * factor can overflow where theirs / factor
                // only loses digits the comparison does not need.
                verdict.holds = mine.value! < theirs.value! / factor
            }
        case .diverges(let expected):
            // Running away before the claim's step settles it early.
            let settled = reached || track.ranAway(by: history.lastStep)
            guard settled else { return verdict }
            let ranAway = track.ranAway(by: claim.step)
            var measurement = measured(track, at: claim.step)
            if ranAway, !track.hasDiverged(by: claim.step), let from = track.runawayFrom {
                measurement = .init(label: track.label, value: track.value(at: from), step: from, divergingFrom: from)
            }
            verdict.measurements = [measurement]
            verdict.holds = ranAway == expected
        case .reaches(let bound, let within):
            let hit = track.samples.first { $0.step <= within && $0.value < bound && !track.hasDiverged(by: $0.step) }
            if let hit {
                verdict.measurements = [.init(label: track.label, value: hit.value, step: hit.step)]
                verdict.holds = true
                return verdict
            }
            guard reached else { return verdict }
            let best = track.samples.filter { $0.step <= within && $0.value.isFinite }.min { $0.value < $1.value }
            verdict.measurements = [.init(label: track.label, value: best?.value, divergedAt: track.divergedAt.flatMap { $0 <= within ? $0 : nil },
                                          step: best?.step)]
            verdict.holds = false
        }
        return verdict
    }

    private static func measured(_ track: RunHistory.Track, at step: Int) -> ClaimVerdict.Measurement {
        if let at = track.divergedAt, at <= step {
            return .init(label: track.label, value: nil, divergedAt: at)
        }
        return .init(label: track.label, value: track.value(at: step))
    }
}
