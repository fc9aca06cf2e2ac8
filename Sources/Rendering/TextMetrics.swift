/// How strings map onto cells: one scalar per cell, zero-width scalars dropped.
public enum TextMetrics {
    /// The scalars of `text` that occupy a cell: controls become nothing, tabs become a space,
    /// combining marks, joiners and variation selectors are dropped.
    public static func cellScalars(_ text: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if scalar == "\t" {
                result.append(" ")
                continue
            }
            if isZeroWidth(scalar) { continue }
            result.append(scalar)
        }
        return result
    }

    /// Number of cells `text` occupies.
    public static func width(_ text: String) -> Int {
        var count = 0
        for scalar in text.unicodeScalars where scalar == "\t" || !isZeroWidth(scalar) { count += 1 }
        return count
    }

    /// `text` cut to at most `width` cells, ending in "…" when something was cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        let scalars = cellScalars(text)
        if scalars.count <= width { return String(String.UnicodeScalarView(scalars)) }
        var kept = String.UnicodeScalarView(scalars.prefix(width - 1))
        kept.append("…")
        return String(kept)
    }

    /// `text` padded with spaces or truncated to exactly `width` cells, aligned left or right.
    public static func pad(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        guard width > 0 else { return "" }
        let cut = truncate(text, to: width)
        let padding = String(repeating: " ", count: max(0, width - self.width(cut)))
        return alignRight ? padding + cut : cut + padding
    }

    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || (value >= 0x7F && value < 0xA0) { return true }
        if value == 0x200B || value == 0x200C || value == 0x200D || value == 0x2060 || value == 0xFEFF { return true }
        if (0xFE00...0xFE0F).contains(value) || (0xE0100...0xE01EF).contains(value) { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
