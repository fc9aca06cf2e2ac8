import Foundation

/// Axis tick positions and compact tick labels.
public enum Ticks {
    /// "Nice" linear ticks (1, 2, 5 x 10^k steps) inside `lower...upper`, at most about `maxCount`.
    public static func linear(lower: Double, upper: Double, maxCount: Int) -> [Double] {
        guard lower.isFinite, upper.isFinite, maxCount > 0 else { return [] }
        let low = min(lower, upper), high = max(lower, upper)
        guard high > low else { return [low] }
        // Halves keep the span finite for -1e308...1e308; the step only needs its magnitude.
        let span = high - low
        let rough = span.isFinite ? span / Double(max(1, maxCount)) : (high / 2 - low / 2) / Double(max(1, maxCount)) * 2
        guard rough.isFinite, rough > 0 else { return [] }
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        var ticks: [Double] = []
        var value = ceil(low / step) * step
        // Near the top of the Double range high + step overflows: stop at high, never at infinity.
        let tolerance = high + step * 1e-9
        let last = tolerance.isFinite ? tolerance : high
        while value.isFinite && value <= last && ticks.count <= maxCount + 1 {
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            value += step
        }
        return ticks
    }

    /// Logarithmic ticks inside `lower...upper` (both > 0): powers of ten, thinned to at most
    /// `maxCount`, or 1-2-5 multiples when the range spans less than two decades.
    public static func logarithmic(lower: Double, upper: Double, maxCount: Int) -> [Double] {
        guard lower.isFinite, upper.isFinite, lower > 0, upper > 0, maxCount > 0 else { return [] }
        let low = min(lower, upper), high = max(lower, upper)
        let first = Int(ceil(log10(low) - 1e-9)), last = Int(floor(log10(high) + 1e-9))
        if last - first + 1 >= 2 {
            let count = last - first + 1
            let stride = max(1, Int(ceil(Double(count) / Double(maxCount))))
            return Swift.stride(from: first, through: last, by: stride).map { pow(10, Double($0)) }
        }
        var ticks: [Double] = []
        for exponent in (first - 1)...(last + 1) {
            for multiple in [1.0, 2, 5] {
                let value = multiple * pow(10, Double(exponent))
                // pow(10, 309) is infinity, and so is the upper tolerance near the top of the range.
                if value.isFinite && value >= low * (1 - 1e-9) && value <= high * (1 + 1e-9) { ticks.append(value) }
            }
        }
        if ticks.count > maxCount { ticks = ticks.enumerated().filter { $0.offset % 2 == 0 }.map(\.element) }
        return ticks.isEmpty ? linear(lower: low, upper: high, maxCount: maxCount) : ticks
    }

    /// A short label of about three significant digits: "0", "0.25", "120", "1500"; outside
    /// 1e-3...1e5 an exponent form such as "1e-4" or "2.5e6". At most about 7 characters.
    public static func label(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1e5 || magnitude < 1e-3 {
            // printf does the rounding: dividing by pow(10, exponent) overflows for subnormals
            // (pow underflows to 0) and printed "infe-323".
            let parts = String(format: "%.1e", value).split(separator: "e")
            guard parts.count == 2, let exponent = Int(parts[1]) else { return String(format: "%.1e", value) }
            return trimmed(String(parts[0])) + "e" + String(exponent)
        }
        let decimals = max(0, 2 - Int(floor(log10(magnitude))))
        return trimmed(String(format: "%.\(min(decimals, 4))f", value))
    }

    private static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var result = text
        while result.hasSuffix("0") { result.removeLast() }
        if result.hasSuffix(".") { result.removeLast() }
        return result == "-0" ? "0" : result
    }
}
