/// Why the interactive terminal could not start.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// stdout or stdin is not a terminal (a pipe, a file, CI).
    case notATerminal(stream: String)
    /// terminfo has no entry for TERM (or TERM is unset).
    case unknownTerminal(term: String?)
    /// A `Terminal` is already running in this process.
    case alreadyRunning

    /// A message for the user, naming what to do instead.
    public var description: String {
        switch self {
        case let .notATerminal(stream):
            return "descent: the interactive view needs a terminal (\(stream) is not a TTY). "
                + "Try `descent run FILE` for numbers or `descent render FILE` for a text frame."
        case let .unknownTerminal(term?):
            return "descent: the terminal type TERM=\"\(term)\" is unknown to terminfo, so the interactive view "
                + "cannot start. Try TERM=xterm-256color, or `descent render FILE` for a text frame."
        case .unknownTerminal(nil):
            return "descent: TERM is not set, so the interactive view cannot start. "
                + "Try TERM=xterm-256color, or `descent render FILE` for a text frame."
        case .alreadyRunning:
            return "descent: the interactive view is already running."
        }
    }
}
