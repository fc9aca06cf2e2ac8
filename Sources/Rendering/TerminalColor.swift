/// A colour a cell can carry: the terminal default, a 24-bit RGB value, or a palette index.
///
/// Widgets produce `.rgb` colours; the output stage (`ColorMode.resolve(_:)`) quantises them
/// to what the terminal can show, so one widget tree serves every colour mode.
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's own default foreground or background.
    case `default`
    /// A 24-bit colour, each component in 0...255.
    case rgb(UInt8, UInt8, UInt8)
    /// One of the 16 ANSI colours: 0...7 normal, 8...15 bright; larger values wrap modulo 16.
    case ansi(UInt8)
    /// An entry of the xterm 256-colour palette: 0...15 ANSI, 16...231 the 6x6x6 cube, 232...255 greys.
    case indexed(UInt8)

    /// ANSI black.
    public static let black = TerminalColor.ansi(0)
    /// ANSI red.
    public static let red = TerminalColor.ansi(1)
    /// ANSI green.
    public static let green = TerminalColor.ansi(2)
    /// ANSI yellow.
    public static let yellow = TerminalColor.ansi(3)
    /// ANSI blue.
    public static let blue = TerminalColor.ansi(4)
    /// ANSI magenta.
    public static let magenta = TerminalColor.ansi(5)
    /// ANSI cyan.
    public static let cyan = TerminalColor.ansi(6)
    /// ANSI white (light grey on most terminals).
    public static let white = TerminalColor.ansi(7)
    /// ANSI bright black (dark grey).
    public static let brightBlack = TerminalColor.ansi(8)
    /// ANSI bright white.
    public static let brightWhite = TerminalColor.ansi(15)

    /// Creates an RGB colour from a 0xRRGGBB literal.
    public init(hex: UInt32) {
        self = .rgb(UInt8((hex >> 16) & 0xFF), UInt8((hex >> 8) & 0xFF), UInt8(hex & 0xFF))
    }

    /// Creates an RGB colour from integer components, clamping each to 0...255.
    public static func clampedRGB(_ red: Int, _ green: Int, _ blue: Int) -> TerminalColor {
        .rgb(UInt8(clamping: red), UInt8(clamping: green), UInt8(clamping: blue))
    }

    /// The colour's RGB components, using the standard xterm palette for indexed colours; nil for `.default`.
    public var rgbComponents: (red: UInt8, green: UInt8, blue: UInt8)? {
        switch self {
        case .default: return nil
        case let .rgb(r, g, b): return (r, g, b)
        case let .ansi(index): return XtermPalette.components(of: index & 15)
        case let .indexed(index): return XtermPalette.components(of: index)
        }
    }

    /// Relative luminance in 0...1 (Rec. 709 weights on the sRGB components); nil for `.default`.
    public var luminance: Double? {
        guard let (r, g, b) = rgbComponents else { return nil }
        return (0.2126 * Double(r) + 0.7152 * Double(g) + 0.0722 * Double(b)) / 255
    }
}
