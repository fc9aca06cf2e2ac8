import CNcurses
import Glibc
import Rendering

/// Picking a colour mode for output, with or without a running terminal.
public enum ColorModeDetection {
    /// The colour mode for text output without starting the interactive view (e.g. `render --ansi`).
    ///
    /// `NO_COLOR` (set, non-empty) gives `.none`; `COLORTERM=truecolor|24bit` gives `.direct`;
    /// otherwise TERM's terminfo entry decides (the `RGB` flag, then the `colors` count) and, when
    /// TERM is unknown or unset, `ColorMode(environment:)` guesses from the variables alone.
    public static func fromEnvironment(_ environment: [String: String]) -> ColorMode {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        let colorTerm = (environment["COLORTERM"] ?? "").lowercased()
        if colorTerm == "truecolor" || colorTerm == "24bit" { return .direct }
        guard let term = environment["TERM"], !term.isEmpty else { return ColorMode(environment: environment) }
        var status: Int32 = 0
        guard setupterm(term, STDOUT_FILENO, &status) == OK else { return ColorMode(environment: environment) }
        defer { descent_release_terminfo() }
        return mode(rgbFlag: tigetflag("RGB"), colors: tigetnum("colors"))
    }

    /// The mode for terminal capabilities: the RGB flag means direct colour, then 256, then 8 colours.
    static func mode(rgbFlag: Int32, colors: Int32) -> ColorMode {
        if rgbFlag > 0 { return .direct }
        if colors >= 256 { return .palette256 }
        if colors >= 8 { return .basic8 }
        return .none
    }
}
