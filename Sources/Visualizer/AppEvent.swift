import Rendering

/// Everything the app reacts to: terminal input, time passing, and the results of effects the
/// runner carried out.
public enum AppEvent: Sendable {
    /// A key, mouse event or resize from the terminal.
    case input(InputEvent)
    /// Time passed (seconds since the previous tick): running mode advances by it.
    case tick(seconds: Double)
    /// The scenario picker's list, read from disk by the runner.
    case scenariosListed([PickerEntry])
    /// A one-line report from an effect (e.g. where a file was written).
    case notice(String)
    /// The runner started (true) or stopped (false) recording the session.
    case recording(Bool)
}

/// Work with side effects that the pure update asks the runner to do.
public enum AppEffect: Equatable, Sendable {
    /// Leave the program.
    case quit
    /// List the scenario files for the picker.
    case listScenarios
    /// Load this scenario file and show it.
    case load(path: String)
    /// Export the trajectories of the current run as CSV.
    case exportTrajectories
    /// Write the current scenario (retuned learning rates, current start) as TOML.
    case writeScenario
    /// Start recording the session to a new file, or stop and save the recording.
    case toggleRecording
}
