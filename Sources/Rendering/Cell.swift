/// One terminal cell: a single-width glyph with colours and attributes.
///
/// The glyph is stored as one `Unicode.Scalar` so a cell stays 16 bytes and comparing frames is
/// cheap; combining marks and wide (double-width) characters are not representable.
public struct Cell: Hashable, Sendable {
    /// The glyph's Unicode scalar.
    public var scalar: Unicode.Scalar
    /// Foreground (glyph) colour.
    public var foreground: TerminalColor
    /// Background colour.
    public var background: TerminalColor
    /// Bold, dim, underline, reverse.
    public var attributes: CellAttributes

    /// Creates a cell from a scalar and colours.
    public init(
        scalar: Unicode.Scalar,
        foreground: TerminalColor = .default,
        background: TerminalColor = .default,
        attributes: CellAttributes = []
    ) {
        self.scalar = scalar
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// Creates a cell from a character (its first scalar) and colours.
    public init(
        _ glyph: Character = " ",
        foreground: TerminalColor = .default,
        background: TerminalColor = .default,
        attributes: CellAttributes = []
    ) {
        self.init(
            scalar: glyph.unicodeScalars.first ?? " ",
            foreground: foreground, background: background, attributes: attributes)
    }

    /// Creates a cell showing a glyph in a style.
    public init(_ glyph: Character, style: Style) {
        self.init(glyph, foreground: style.foreground, background: style.background, attributes: style.attributes)
    }

    /// A space with default colours.
    public static let blank = Cell(scalar: " ")

    /// The glyph as a `Character`; setting it keeps only the first scalar.
    public var glyph: Character {
        get { Character(scalar) }
        set { scalar = newValue.unicodeScalars.first ?? " " }
    }

    /// The cell's colours and attributes as a `Style`.
    public var style: Style {
        get { Style(foreground: foreground, background: background, attributes: attributes) }
        set {
            foreground = newValue.foreground
            background = newValue.background
            attributes = newValue.attributes
        }
    }
}
