/// Colours and marker glyphs that tell series apart, safe for colour-blind viewers and visible on
/// the heatmaps they are drawn over.
///
/// Viridis runs purple, blue, teal, green, yellow, so those hues would vanish into it: the series
/// use the warm and light Okabe–Ito colours (orange, sky blue, vermillion, reddish purple), then
/// white, magenta and light tints the colormap never reaches. Markers differ too, so series stay
/// distinct in 8-colour and no-colour modes.
public enum SeriesPalette {
    /// Series colours in RGB.
    public static let colors: [TerminalColor] = [
        TerminalColor(hex: 0xE69F00),  // orange
        TerminalColor(hex: 0x56B4E9),  // sky blue
        TerminalColor(hex: 0xF2F2F2),  // white
        TerminalColor(hex: 0xE8402A),  // vermillion
        TerminalColor(hex: 0xFF7EB6),  // pink
        TerminalColor(hex: 0xFF40FF),  // magenta
        TerminalColor(hex: 0xD4B0FF),  // lavender
        TerminalColor(hex: 0xFFC48C),  // peach
        TerminalColor(hex: 0x9E9E9E),  // grey
        TerminalColor(hex: 0x9E1A1A),  // deep red
    ]

    /// Marker glyphs, one per series.
    public static let markers: [Character] = ["●", "▲", "■", "◆", "✚", "▼", "★", "◉", "◀", "◈"]

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
