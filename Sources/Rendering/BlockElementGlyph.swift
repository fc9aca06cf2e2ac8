/// The filled parts of a block-element glyph (U+2580...U+259F), so a vector image can draw them
/// as rectangles instead of relying on a font.
enum BlockElementGlyph {
    /// What a glyph fills.
    enum Shape {
        /// Each half of the cell is either the foreground or the background colour (▀ ▄ █):
        /// the heatmap's two pixels per cell.
        case halves(topIsForeground: Bool, bottomIsForeground: Bool)
        /// The whole cell in a mix of the two colours, `amount` of the foreground (░ ▒ ▓).
        case shade(amount: Double)
        /// Foreground rectangles over the background, in fractions of the cell: x0, y0, x1, y1
        /// from the top-left corner.
        case rectangles([(Double, Double, Double, Double)])
    }

    /// The shape of `scalar`, or nil when it is not a block element.
    static func shape(of scalar: Unicode.Scalar) -> Shape? {
        let value = scalar.value
        switch value {
        case 0x2580: return .halves(topIsForeground: true, bottomIsForeground: false)
        case 0x2584: return .halves(topIsForeground: false, bottomIsForeground: true)
        case 0x2588: return .halves(topIsForeground: true, bottomIsForeground: true)
        case 0x2581...0x2587:
            // Lower one eighth ... seven eighths.
            return .rectangles([(0, 1 - Double(value - 0x2580) / 8, 1, 1)])
        case 0x2589...0x258F:
            // Left seven eighths ... one eighth.
            return .rectangles([(0, 0, Double(0x2590 - value) / 8, 1)])
        case 0x2590: return .rectangles([(0.5, 0, 1, 1)])
        case 0x2591: return .shade(amount: 0.25)
        case 0x2592: return .shade(amount: 0.5)
        case 0x2593: return .shade(amount: 0.75)
        case 0x2594: return .rectangles([(0, 0, 1, 0.125)])
        case 0x2595: return .rectangles([(0.875, 0, 1, 1)])
        case 0x2596...0x259F:
            // Quadrants: which of upper-left, upper-right, lower-left, lower-right are filled.
            let quadrants: [UInt8] = [0b0100, 0b1000, 0b0001, 0b1101, 0b1001, 0b0111, 0b1011, 0b0010, 0b0110, 0b1110]
            let filled = quadrants[Int(value - 0x2596)]
            let corners: [(Double, Double, Double, Double)] = [(0, 0, 0.5, 0.5), (0.5, 0, 1, 0.5), (0, 0.5, 0.5, 1), (0.5, 0.5, 1, 1)]
            return .rectangles(corners.indices.filter { filled & (1 << $0) != 0 }.map { corners[$0] })
        default:
            return nil
        }
    }
}
