/// Foreground, background and attributes applied together when writing text.
public struct Style: Hashable, Sendable {
    /// Foreground (glyph) colour.
    public var foreground: TerminalColor
    /// Background colour.
    public var background: TerminalColor
    /// Bold, dim, underline, reverse.
    public var attributes: CellAttributes

    /// Creates a style; every part defaults to the terminal's defaults.
    public init(
        foreground: TerminalColor = .default,
        background: TerminalColor = .default,
        attributes: CellAttributes = []
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// Default colours, no attributes.
    public static let plain = Style()
    /// Bold with default colours.
    public static let bold = Style(attributes: .bold)
    /// Dim with default colours.
    public static let dim = Style(attributes: .dim)
    /// Reverse video with default colours (a selection or status bar).
    public static let reverse = Style(attributes: .reverse)

    /// A copy with another foreground colour.
    public func foreground(_ color: TerminalColor) -> Style {
        var copy = self
        copy.foreground = color
        return copy
    }

    /// A copy with another background colour.
    public func background(_ color: TerminalColor) -> Style {
        var copy = self
        copy.background = color
        return copy
    }

    /// A copy with extra attributes added.
    public func adding(_ extra: CellAttributes) -> Style {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }
}
