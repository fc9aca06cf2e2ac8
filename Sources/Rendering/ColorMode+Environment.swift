extension ColorMode {
    /// A best guess from environment variables alone, for output without a terminal.
    ///
    /// `NO_COLOR` (set and non-empty) gives `.none`; `COLORTERM` of `truecolor` or `24bit` gives
    /// `.direct`; a `TERM` containing `direct` gives `.direct`, containing `256color` gives
    /// `.palette256`; `TERM=dumb` gives `.none`; anything else gives `.basic8`.
    public init(environment: [String: String]) {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            self = .none
            return
        }
        let colorTerm = (environment["COLORTERM"] ?? "").lowercased()
        let term = (environment["TERM"] ?? "").lowercased()
        if colorTerm == "truecolor" || colorTerm == "24bit" || term.contains("direct") {
            self = .direct
        } else if term.contains("256color") {
            self = .palette256
        } else if term == "dumb" {
            self = .none
        } else {
            self = .basic8
        }
    }
}
