import Scenarios

extension AppState {
    /// The legend's judgement of racer `index`: diverging, diverged at a step, or healthy, as
    /// `DivergenceStatus` classifies it from the loss gap now and at step 0 and the point.
    func divergenceStatus(_ index: Int) -> DivergenceStatus {
        let racer = self.racer(index)
        let minimum = timeline.race.objective?.minimumValue ?? 0
        let start = timeline.losses[index].first ?? racer.loss
        // Until a value is non-finite the last finite point is the current one.
        let point = racer.point.isEmpty ? nil : racer.point
        return DivergenceStatus.classify(startGap: start - minimum, gap: racer.loss - minimum, point: point,
                                         view: scenario.problem.view, divergedAt: racer.divergedAt)
    }

    /// The first recorded step at which racer `index` was within `tolerance` of the known
    /// minimum, nil when it has not been or the minimum is unknown. Once the history is thinned
    /// (long runs) this is the first kept step, at most `historyStride` late.
    func stepsToTolerance(_ index: Int, tolerance: Double = 1e-6) -> Int? {
        guard let minimum = timeline.race.objective?.minimumValue else { return nil }
        let losses = timeline.losses[index]
        guard let first = losses.firstIndex(where: { $0 - minimum <= tolerance }) else { return nil }
        return first == losses.count - 1 ? step : first * timeline.historyStride
    }
}
