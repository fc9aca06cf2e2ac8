import Foundation

/// How claims and their measured values print numbers: three significant digits in scientific
/// form, e.g. `5.31e-3`, shared by `descent check` and the description overlay.
public enum ClaimNumber {
    /// A bound as a claim states it: the same form without trailing zeros, e.g. `1e-4`, `5e-2`.
    public static func bound(_ x: Double) -> String {
        let full = text(x)
        guard let e = full.firstIndex(of: "e"), full[..<e].contains(".") else { return full }
        var mantissa = full[..<e]
        while mantissa.last == "0" { mantissa = mantissa.dropLast() }
        if mantissa.last == "." { mantissa = mantissa.dropLast() }
        return String(mantissa + full[e...])
    }

    /// `5.31e-3`, `1.00e+0`; `nan`, `inf` or `-inf` for a non-finite value.
    public static func text(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        guard x != 0 else { return "0" }
        // printf pads the exponent to two digits ("e-03"); the short form reads better in a line.
        let printed = String(format: "%.2e", x)
        guard let e = printed.firstIndex(of: "e") else { return printed }
        let mantissa = printed[..<e]
        var exponent = printed[printed.index(after: e)...]
        let sign = exponent.first == "-" ? "-" : "+"
        exponent = exponent.drop { $0 == "+" || $0 == "-" }
        let digits = exponent.drop { $0 == "0" }
        return "\(mantissa)e\(sign)\(digits.isEmpty ? "0" : String(digits))"
    }
}
