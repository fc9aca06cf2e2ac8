import Scenarios

extension AppState {
    /// Every optimizer's trajectory from step 0 to the current step, in the CSV format of
    /// `descent run`, handed to `write` in pieces of about 64 KiB (replayed from the start, which
    /// reproduces the run exactly; the session's own race is left where it is).
    public func trajectoryCSV(_ write: (String) -> Void) {
        var race = timeline.initialRace
        write(race.csvHeader)
        var text = ""
        race.csvRows(into: &text)
        while race.step < step {
            race.advance()
            race.csvRows(into: &text)
            if text.utf8.count > 1 << 16 {
                write(text)
                text = ""
            }
        }
        write(text)
    }

    /// The scenario with its retuned learning rates and current start, as TOML that loads again.
    public var retunedScenarioTOML: String { ScenarioWriter.toml(currentScenario) }
}
