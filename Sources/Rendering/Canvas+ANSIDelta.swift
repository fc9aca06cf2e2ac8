extension Canvas {
    /// The bytes that turn a terminal showing `previous` into one showing this canvas: cursor
    /// moves, SGR sequences and the changed cells only, as the curses backend sends them.
    ///
    /// Without a previous frame, or after a size change, the terminal is reset to plain
    /// attributes, cleared and drawn in full (cells that equal a cleared cell are left to the
    /// clear). Colours are resolved for `mode` as in `ansiText(mode:)`; `.none` keeps the
    /// attributes (the status bar's reverse video) without colours. The result ends with plain
    /// attributes, so deltas can be concatenated; it is empty when nothing changed.
    public func ansiDelta(from previous: Canvas?, mode: ColorMode) -> String {
        var output = ""
        var base: [Cell]?
        if let previous, previous.bufferWidth == bufferWidth, previous.bufferHeight == bufferHeight {
            base = previous.cells
        } else {
            output = ANSISequence.reset + "\u{1B}[H\u{1B}[2J"
        }
        var current = Style.plain
        // Where the next glyph would land; nil after the last column, where terminals wait to wrap.
        var cursor: Int?
        for y in 0..<bufferHeight {
            let rowStart = y * bufferWidth
            for x in 0..<bufferWidth {
                let index = rowStart + x
                let cell = cells[index]
                if cell == (base?[index] ?? .blank) { continue }
                if cursor != index { output += "\u{1B}[\(y + 1);\(x + 1)H" }
                let style = Style(foreground: mode.resolve(cell.foreground), background: mode.resolve(cell.background),
                                  attributes: cell.attributes)
                if style != current {
                    output += style == .plain ? ANSISequence.reset : ANSISequence.sgr(style)
                    current = style
                }
                output.unicodeScalars.append(Self.printable(cell.scalar))
                cursor = x + 1 < bufferWidth ? index + 1 : nil
            }
        }
        if current != .plain { output += ANSISequence.reset }
        return output
    }

    /// The scalar itself, or a space for a control character, which would move the cursor or
    /// change the terminal's state instead of drawing a cell.
    static func printable(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value) ? " " : scalar
    }
}
