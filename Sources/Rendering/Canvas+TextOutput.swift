extension Canvas {
    /// The whole buffer as text: rows joined by "\n", no final newline, trailing spaces of every row trimmed.
    public func plainText() -> String {
        var lines: [String] = []
        lines.reserveCapacity(bufferHeight)
        for y in 0..<bufferHeight {
            var row = String.UnicodeScalarView()
            let start = y * bufferWidth
            var end = start + bufferWidth
            while end > start && cells[end - 1].scalar == " " { end -= 1 }
            for index in start..<end { row.append(cells[index].scalar) }
            lines.append(String(row))
        }
        return lines.joined(separator: "\n")
    }

    /// The whole buffer as text with SGR escape sequences for `mode`: rows joined by "\n".
    ///
    /// Colours are quantised by `ColorMode.resolve(_:)`. `.none` emits no escape sequences at all
    /// (exactly `plainText()`). A row that changed style is reset with ESC[0m at its end. Trailing
    /// blank cells with default colours and no attributes are trimmed, as in `plainText()`.
    public func ansiText(mode: ColorMode) -> String {
        guard mode != .none else { return plainText() }
        var output = ""
        for y in 0..<bufferHeight {
            if y > 0 { output += "\n" }
            let start = y * bufferWidth
            var end = start + bufferWidth
            while end > start && cells[end - 1] == .blank { end -= 1 }
            var current = Style.plain
            for index in start..<end {
                let cell = cells[index]
                let style = Style(
                    foreground: mode.resolve(cell.foreground),
                    background: mode.resolve(cell.background),
                    attributes: cell.attributes)
                if style != current {
                    output += ANSISequence.sgr(style)
                    current = style
                }
                output.unicodeScalars.append(cell.scalar)
            }
            if current != .plain { output += ANSISequence.reset }
        }
        return output
    }
}

/// SGR escape sequences for resolved styles.
enum ANSISequence {
    static let reset = "\u{1B}[0m"

    /// A full SGR (reset first, then every part of `style`), so no state leaks between cells.
    static func sgr(_ style: Style) -> String {
        var parts = ["0"]
        if style.attributes.contains(.bold) { parts.append("1") }
        if style.attributes.contains(.dim) { parts.append("2") }
        if style.attributes.contains(.underline) { parts.append("4") }
        if style.attributes.contains(.reverse) { parts.append("7") }
        if let foreground = code(style.foreground, background: false) { parts.append(foreground) }
        if let background = code(style.background, background: true) { parts.append(background) }
        return "\u{1B}[" + parts.joined(separator: ";") + "m"
    }

    private static func code(_ color: TerminalColor, background: Bool) -> String? {
        switch color {
        case .default:
            return nil
        case let .rgb(r, g, b):
            return (background ? "48;2;" : "38;2;") + "\(r);\(g);\(b)"
        case let .ansi(index):
            let i = Int(index & 15)
            if i < 8 { return String((background ? 40 : 30) + i) }
            return String((background ? 100 : 90) + i - 8)
        case let .indexed(index):
            return (background ? "48;5;" : "38;5;") + String(index)
        }
    }
}
