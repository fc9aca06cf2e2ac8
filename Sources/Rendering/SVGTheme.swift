/// The cell size, default colours and font of `Canvas.svg(mode:theme:title:)`.
///
/// A terminal's default colours belong to the user's theme, not to the frame; an SVG has to pick
/// some, and this picks a dark terminal's (xterm's default white on black).
public struct SVGTheme: Sendable {
    /// Width of one cell in SVG user units.
    public var cellWidth: Int
    /// Height of one cell in SVG user units (about twice the width, as in a terminal font).
    public var cellHeight: Int
    /// What the terminal's default foreground becomes.
    public var foreground: TerminalColor
    /// What the terminal's default background becomes.
    public var background: TerminalColor
    /// The CSS font list for text: monospace, with fonts that have the symbols used on screen first.
    public var fontFamily: String

    /// Creates a theme.
    public init(cellWidth: Int = 10, cellHeight: Int = 20, foreground: TerminalColor = .rgb(229, 229, 229),
                background: TerminalColor = .rgb(0, 0, 0),
                fontFamily: String = "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace") {
        self.cellWidth = max(1, cellWidth)
        self.cellHeight = max(1, cellHeight)
        self.foreground = foreground
        self.background = background
        self.fontFamily = fontFamily
    }

    /// Light text on black, 10 x 20 units per cell.
    public static let dark = SVGTheme()
}
