/// The lines a box-drawing glyph (U+2500...U+257F) is made of, so a vector image can draw them
/// as lines instead of relying on a font.
enum BoxDrawingGlyph {
    /// The weight of a line leaving the cell's centre towards one side.
    enum Weight: UInt8 {
        case none = 0, light, heavy, double
    }

    /// What a glyph draws.
    enum Shape: Equatable {
        /// Lines from the centre to the sides, by weight: up, right, down, left.
        case sides(up: Weight, right: Weight, down: Weight, left: Weight)
        /// A light quarter circle joining two sides (╭ ╮ ╯ ╰), given as the two sides' unit directions.
        case arc(horizontal: Int, vertical: Int)
        /// Dashes across the cell, `count` of them, horizontal or vertical.
        case dashes(count: Int, vertical: Bool, heavy: Bool)
        /// Diagonals: from the lower left to the upper right, and from the upper left to the lower right.
        case diagonals(rising: Bool, falling: Bool)
    }

    /// The shape of `scalar`, or nil when it is not a box-drawing glyph.
    static func shape(of scalar: Unicode.Scalar) -> Shape? {
        let value = scalar.value
        guard (0x2500...0x257F).contains(value) else { return nil }
        switch value {
        case 0x2504, 0x2505, 0x2506, 0x2507: return .dashes(count: 3, vertical: value >= 0x2506, heavy: value & 1 == 1)
        case 0x2508, 0x2509, 0x250A, 0x250B: return .dashes(count: 4, vertical: value >= 0x250A, heavy: value & 1 == 1)
        case 0x254C, 0x254D, 0x254E, 0x254F: return .dashes(count: 2, vertical: value >= 0x254E, heavy: value & 1 == 1)
        case 0x256D: return .arc(horizontal: 1, vertical: 1)
        case 0x256E: return .arc(horizontal: -1, vertical: 1)
        case 0x256F: return .arc(horizontal: -1, vertical: -1)
        case 0x2570: return .arc(horizontal: 1, vertical: -1)
        case 0x2571: return .diagonals(rising: true, falling: false)
        case 0x2572: return .diagonals(rising: false, falling: true)
        case 0x2573: return .diagonals(rising: true, falling: true)
        default:
            let mask = sideWeights[Int(value - 0x2500)]
            func weight(_ shift: UInt8) -> Weight { Weight(rawValue: (mask >> shift) & 3) ?? .none }
            return .sides(up: weight(0), right: weight(2), down: weight(4), left: weight(6))
        }
    }

    /// Side weights of U+2500...U+257F, two bits per side (up, right, down, left from the low
    /// bits; 1 light, 2 heavy, 3 double), read off the Unicode character names. Dashes, arcs and
    /// diagonals are handled apart (zero here, except the arcs' sides).
    private static let sideWeights: [UInt8] = [
        0x44, 0x88, 0x11, 0x22, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x14, 0x18, 0x24, 0x28,
        0x50, 0x90, 0x60, 0xA0, 0x05, 0x09, 0x06, 0x0A, 0x41, 0x81, 0x42, 0x82, 0x15, 0x19, 0x16, 0x25,
        0x26, 0x1A, 0x29, 0x2A, 0x51, 0x91, 0x52, 0x61, 0x62, 0x92, 0xA1, 0xA2, 0x54, 0x94, 0x58, 0x98,
        0x64, 0xA4, 0x68, 0xA8, 0x45, 0x85, 0x49, 0x89, 0x46, 0x86, 0x4A, 0x8A, 0x55, 0x95, 0x59, 0x99,
        0x56, 0x65, 0x66, 0x96, 0x5A, 0xA5, 0x69, 0x9A, 0xA9, 0xA6, 0x6A, 0xAA, 0x00, 0x00, 0x00, 0x00,
        0xCC, 0x33, 0x1C, 0x34, 0x3C, 0xD0, 0x70, 0xF0, 0x0D, 0x07, 0x0F, 0xC1, 0x43, 0xC3, 0x1D, 0x37,
        0x3F, 0xD1, 0x73, 0xF3, 0xDC, 0x74, 0xFC, 0xCD, 0x47, 0xCF, 0xDD, 0x77, 0xFF, 0x14, 0x50, 0x41,
        0x05, 0x00, 0x00, 0x00, 0x40, 0x01, 0x04, 0x10, 0x80, 0x02, 0x08, 0x20, 0x48, 0x21, 0x84, 0x12,
    ]
}
