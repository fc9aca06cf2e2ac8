/// How many colours the output can show, and how `TerminalColor`s are quantised to fit.
public enum ColorMode: String, CaseIterable, Sendable {
    /// 24-bit colour (SGR 38;2 / 48;2, or a direct-colour terminfo).
    case direct
    /// The xterm 256-colour palette (SGR 38;5 / 48;5).
    case palette256
    /// The 8 basic ANSI colours (SGR 30-37 / 40-47).
    case basic8
    /// No colour at all (NO_COLOR): widgets shade with glyphs instead.
    case none

    /// Whether this mode shows any colour.
    public var hasColor: Bool { self != .none }

    /// The colour as this mode will show it: RGB becomes a palette index in `.palette256`, an ANSI
    /// colour in `.basic8`, and everything becomes `.default` in `.none`.
    ///
    /// In `.direct` indexed colours become RGB (direct-colour terminals have no palette beyond 0...7)
    /// and bright ANSI colours too, since only 0...7 keep their ANSI meaning there.
    public func resolve(_ color: TerminalColor) -> TerminalColor {
        switch (self, color) {
        case (_, .default), (.none, _):
            return .default
        case (.direct, .rgb):
            return color
        case let (.direct, .ansi(index)):
            let i = index & 15
            if i < 8 { return .ansi(i) }
            let (r, g, b) = XtermPalette.components(of: i)
            return .rgb(r, g, b)
        case let (.direct, .indexed(index)):
            if index < 8 { return .ansi(index) }
            let (r, g, b) = XtermPalette.components(of: index)
            return .rgb(r, g, b)
        case let (.palette256, .rgb(r, g, b)):
            return .indexed(ColorMode.nearest256(red: r, green: g, blue: b))
        case let (.palette256, .ansi(index)):
            return .ansi(index & 15)
        case (.palette256, .indexed):
            return color
        case let (.basic8, .rgb(r, g, b)):
            return .ansi(ColorMode.nearestBasic(red: r, green: g, blue: b))
        case let (.basic8, .ansi(index)):
            return .ansi(index & 7)
        case let (.basic8, .indexed(index)):
            if index < 16 { return .ansi(index & 7) }
            let (r, g, b) = XtermPalette.components(of: index)
            return .ansi(ColorMode.nearestBasic(red: r, green: g, blue: b))
        }
    }

    /// The nearest colour of the xterm 256 palette's cube (16...231) or grey ramp (232...255).
    ///
    /// Indices 0...15 are never chosen because terminal themes redefine them.
    public static func nearest256(red: UInt8, green: UInt8, blue: UInt8) -> UInt8 {
        let r = Int(red), g = Int(green), b = Int(blue)
        let ri = XtermPalette.nearestCubeLevel(r)
        let gi = XtermPalette.nearestCubeLevel(g)
        let bi = XtermPalette.nearestCubeLevel(b)
        let levels = XtermPalette.cubeLevels
        let cubeDistance = squared(r - levels[ri], g - levels[gi], b - levels[bi])
        let average = (r + g + b) / 3
        let greyIndex = min(23, max(0, (average - 3) / 10))
        let grey = 8 + 10 * greyIndex
        let greyDistance = squared(r - grey, g - grey, b - grey)
        if greyDistance < cubeDistance { return UInt8(232 + greyIndex) }
        return UInt8(16 + 36 * ri + 6 * gi + bi)
    }

    /// The nearest of the 8 basic ANSI colours (0 black ... 7 white), as an index 0...7.
    ///
    /// Compares against mid-intensity references (VGA-like), which keeps mid-tones coloured
    /// instead of collapsing them to black or white.
    public static func nearestBasic(red: UInt8, green: UInt8, blue: UInt8) -> UInt8 {
        let r = Int(red), g = Int(green), b = Int(blue)
        var best = 0
        var bestDistance = Int.max
        for (index, reference) in basicReferences.enumerated() {
            let distance = squared(r - reference.0, g - reference.1, b - reference.2)
            if distance < bestDistance {
                bestDistance = distance
                best = index
            }
        }
        return UInt8(best)
    }

    /// Nearest colour of this mode for an RGB value, as a `TerminalColor` ready for output.
    public func nearest(red: UInt8, green: UInt8, blue: UInt8) -> TerminalColor {
        resolve(.rgb(red, green, blue))
    }

    private static let basicReferences: [(Int, Int, Int)] = [
        (0, 0, 0), (170, 0, 0), (0, 170, 0), (170, 170, 0),
        (0, 0, 170), (170, 0, 170), (0, 170, 170), (200, 200, 200),
    ]

    private static func squared(_ a: Int, _ b: Int, _ c: Int) -> Int { a * a + b * b + c * c }
}
