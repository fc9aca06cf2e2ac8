/// Text attributes a cell can carry.
public struct CellAttributes: OptionSet, Hashable, Sendable {
    /// The raw bit pattern.
    public let rawValue: UInt8

    /// Creates attributes from a raw bit pattern.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Bold (often also brighter).
    public static let bold = CellAttributes(rawValue: 1 << 0)
    /// Dim (faint).
    public static let dim = CellAttributes(rawValue: 1 << 1)
    /// Underlined.
    public static let underline = CellAttributes(rawValue: 1 << 2)
    /// Foreground and background swapped.
    public static let reverse = CellAttributes(rawValue: 1 << 3)
}
