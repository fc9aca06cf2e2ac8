import Foundation

/// How numbers are spelled in descent's text output (CSV, TOML, logs, claims): the one place
/// non-finite values get their names, `nan`, `inf` and `-inf`, which Python, NumPy and TOML read
/// back (printf would write `-nan` for some NaNs, Swift's description `-nan` too).
public enum NumberText {
    /// `nan`, `inf` or `-inf` for a non-finite value, nil for a finite one.
    @inlinable
    public static func nonFinite<T: BinaryFloatingPoint>(_ x: T) -> String? {
        guard !x.isFinite else { return nil }
        return x.isNaN ? "nan" : x > 0 ? "inf" : "-inf"
    }

    /// The shortest text that reads back as the same value (`0.1`, `1e-05`), or a non-finite name.
    @inlinable
    public static func shortest<T: BinaryFloatingPoint & CustomStringConvertible>(_ x: T) -> String {
        nonFinite(x) ?? x.description
    }

    /// The value printed with a printf `format` such as `%.4f`, or a non-finite name.
    public static func fixed(_ x: Double, _ format: String = "%.4f") -> String {
        nonFinite(x) ?? String(format: format, x)
    }
}
