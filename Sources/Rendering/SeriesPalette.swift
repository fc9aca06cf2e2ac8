/// Colours and marker glyphs that tell series apart, safe for colour-blind viewers.
///
/// The first seven colours are Okabe–Ito (black replaced by light grey for dark terminals),
/// followed by three more from Paul Tol's palettes. Markers differ too, so series stay distinct
/// in 8-colour and no-colour modes.
public enum SeriesPalette {
    /// Series colours in RGB.
    public static let colors: [TerminalColor] = [
        TerminalColor(hex: 0xE69F00),  // orange
        TerminalColor(hex: 0x56B4E9),  // sky blue
        TerminalColor(hex: 0x009E73),  // bluish green
        TerminalColor(hex: 0xF0E442),  // yellow
        TerminalColor(hex: 0x0072B2),  // blue
        TerminalColor(hex: 0xD55E00),  // vermillion
        TerminalColor(hex: 0xCC79A7),  // reddish purple
        TerminalColor(hex: 0xDDDDDD),  // light grey
        TerminalColor(hex: 0x44AA99),  // teal
        TerminalColor(hex: 0x882255),  // wine
    ]

    /// Marker glyphs, one per series.
    public static let markers: [Character] = ["●", "▲", "■", "◆", "✚", "✖", "★", "◉", "▼", "◈"]

    /// Hand-picked ANSI colours for 8-colour terminals, where nearest-colour matching would merge series.
    public static let basicColors: [TerminalColor] = [
        .yellow, .cyan, .green, .magenta, .blue, .red, .white, .yellow, .cyan, .magenta,
    ]

    /// Number of distinct entries before colours repeat.
    public static var count: Int { colors.count }

    /// The colour of series `index` (wrapping) for a colour mode.
    public static func color(_ index: Int, mode: ColorMode = .direct) -> TerminalColor {
        let i = wrapped(index)
        switch mode {
        case .direct, .palette256: return colors[i]
        case .basic8: return basicColors[i]
        case .none: return .default
        }
    }

    /// The marker glyph of series `index` (wrapping).
    public static func marker(_ index: Int) -> Character {
        markers[wrapped(index) % markers.count]
    }

    private static func wrapped(_ index: Int) -> Int {
        let n = colors.count
        return ((index % n) + n) % n
    }
}
