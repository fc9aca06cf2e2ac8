import Rendering

/// Shared looks of the panels: border, titles, muted text, series colours.
enum PanelStyle {
    /// Panel borders.
    static let border = Style(foreground: .rgb(110, 110, 120))
    /// Panel titles.
    static let title = Style(foreground: .rgb(235, 235, 235), attributes: .bold)
    /// Secondary text.
    static let muted = Style(foreground: .rgb(150, 150, 160))
    /// Warnings such as divergence.
    static let warning = Style(foreground: .rgb(230, 80, 60), attributes: .bold)

    /// Draws a titled panel border and returns the inside.
    static func frame(_ rect: Rect, title: String, into canvas: inout Canvas) -> Rect {
        canvas.box(rect, title: title, border: .rounded, style: border, titleStyle: Self.title)
    }

    /// Optimizer `index`'s colour in `mode`.
    static func color(_ index: Int, mode: ColorMode) -> TerminalColor {
        SeriesPalette.color(index, mode: mode)
    }

    /// Optimizer `index`'s marker glyph.
    static func marker(_ index: Int) -> Character {
        SeriesPalette.marker(index)
    }

    /// A darker version of a colour, for faded path segments.
    static func faded(_ color: TerminalColor) -> TerminalColor {
        guard let (r, g, b) = color.rgbComponents else { return color }
        return .rgb(UInt8(Int(r) * 9 / 20), UInt8(Int(g) * 9 / 20), UInt8(Int(b) * 9 / 20))
    }
}
