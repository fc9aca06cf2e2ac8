extension Canvas {
    /// The whole buffer as a standalone SVG document, for slides, notes and web pages.
    ///
    /// A grid of `theme.cellWidth` x `theme.cellHeight` units with the colours `mode` shows on a
    /// terminal (`ColorMode.resolve(_:)`; `.none` gives a monochrome image): block elements
    /// become rectangles (a half-block heatmap cell two of them), braille patterns dots,
    /// box-drawing glyphs lines, and everything else text on a fixed grid. Every row with text is
    /// one `<text>` element holding the row exactly as `plainText()` has it; the glyphs drawn as
    /// shapes are in it too, transparent, so copying or searching the image gives the screen's text.
    public func svg(mode: ColorMode, theme: SVGTheme = .dark, title: String? = nil) -> String {
        var writer = SVGFrameWriter(theme: theme, mode: mode, columns: bufferWidth)
        for y in 0..<bufferHeight {
            writer.addRow(y, cells[(y * bufferWidth)..<((y + 1) * bufferWidth)])
        }
        return writer.document(rows: bufferHeight, title: title)
    }
}
