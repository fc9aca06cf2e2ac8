import Foundation
import OptimizerCore

/// How claims and their measured values print numbers: three significant digits in scientific
/// form, e.g. `5.31e-3`, shared by `descent check` and the description overlay.
public enum ClaimNumber {
    /// A bound as a claim states it: plain decimals from 0.001 to 10,000 (`0.05`, `1.2`, `12.9`),
    /// else the scientific form without trailing zeros (`1e-4`, `2.5e+6`).
    public static func bound(_ x: Double) -> String {
        if x == 0 { return "0" }
        if x.isFinite, abs(x) >= 1e-3, abs(x) < 1e4 {
            let plain = String(format: "%.6g", x)
            if !plain.contains("e") { return plain }
        }
        let full = text(x)
        guard let e = full.firstIndex(of: "e"), full[..<e].contains(".") else { return full }
        var mantissa = full[..<e]
        while mantissa.last == "0" { mantissa = mantissa.dropLast() }
        if mantissa.last == "." { mantissa = mantissa.dropLast() }
        return String(mantissa + full[e...])
    }

    /// `5.31e-3`, `1.00e+0`; `nan`, `inf` or `-inf` for a non-finite value.
    public static func text(_ x: Double) -> String {
        if let name = NumberText.nonFinite(x) { return name }
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
