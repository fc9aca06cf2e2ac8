import Foundation

/// Compact number formatting for panels and the legend.
public enum Formatting {
    /// About four significant digits, switching to exponent form for very large or small values.
    ///
    /// Infinities print as "∞" and "-∞" (a condition number of a Hessian that is singular in
    /// double precision is one); NaN prints as "—", the mark panels use for "no value".
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "—" : (x > 0 ? "∞" : "-∞") }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        if magnitude >= 1e-3 && magnitude < 1e5 {
            var text = String(format: "%.4g", x)
            if text.contains("e") { text = String(format: "%.3e", x) }
            return text
        }
        return String(format: "%.2e", x)
    }

    /// A share as a percentage with one decimal, e.g. `12.5%`.
    public static func percent(_ share: Double) -> String {
        guard share.isFinite else { return "–" }
        return String(format: "%.1f%%", share * 100)
    }

    /// A byte count, e.g. `16 B`, `3.5 KiB`.
    public static func bytes(_ count: Int) -> String {
        if count < 1024 { return "\(count) B" }
        if count < 1024 * 1024 { return String(format: "%.1f KiB", Double(count) / 1024) }
        return String(format: "%.1f MiB", Double(count) / 1024 / 1024)
    }
}
