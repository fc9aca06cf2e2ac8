import Foundation

/// How a matrix's signed entries become colours: the three modes the Hessian view cycles through.
public enum SignedScaleKind: String, Sendable, CaseIterable {
    /// Linear below a threshold derived from the data, logarithmic above: small and large blocks
    /// both stay visible.
    case symlog
    /// Proportional to the value: what dominates, dominates.
    case linear
    /// Each diagonal block linear to its own largest magnitude (off-diagonal blocks to the geometric
    /// mean of their two diagonal blocks' maxima): every block's structure at full contrast.
    case block

    /// The next mode in the cycle.
    public var next: SignedScaleKind {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// Maps signed values to -1...1 with zero at 0, linearly or on a symmetric-log scale.
///
/// The symmetric log is t = sign(x) log10(1 + |x|/c) / log10(1 + M/c): linear for |x| well below
/// the threshold c, logarithmic above it, +-1 at the largest magnitude M.
public struct SignedScale: Sendable, Equatable {
    /// The largest magnitude, mapped to +-1.
    public let maximum: Double
    /// The linear threshold c of the symmetric log; nil for a linear scale.
    public let threshold: Double?
    /// Magnitudes at or below this are zero: rounding noise must not read as structure.
    public let zeroCutoff: Double

    /// A linear scale over -maximum...maximum.
    public static func linear(maximum: Double) -> SignedScale {
        SignedScale(maximum: maximum, threshold: nil)
    }

    /// Creates a scale; a non-positive or non-finite maximum becomes 1.
    public init(maximum: Double, threshold: Double?) {
        let m = maximum.isFinite && maximum > 0 ? maximum : 1
        self.maximum = m
        if let threshold, threshold.isFinite, threshold > 0 {
            self.threshold = min(threshold, m)
        } else {
            self.threshold = nil
        }
        zeroCutoff = m * 1e-12
    }

    /// A symmetric-log scale fitted to `values`: the maximum is their largest finite magnitude and
    /// the threshold the 10th percentile of the magnitudes above rounding noise, so that the
    /// weakest tenth of the structure sits in the linear part and the rest spreads over decades.
    public static func symlog(fitting values: [Double]) -> SignedScale {
        var largest = 0.0
        for value in values where value.isFinite { largest = max(largest, abs(value)) }
        guard largest > 0 else { return SignedScale(maximum: 1, threshold: 1e-3) }
        let cutoff = largest * 1e-12
        let stride = max(1, values.count / 16_384)
        var sample: [Double] = []
        sample.reserveCapacity(min(values.count, 16_385))
        var index = 0
        while index < values.count {
            let magnitude = abs(values[index])
            if magnitude.isFinite && magnitude > cutoff { sample.append(magnitude) }
            index += stride
        }
        sample.sort()
        let tenth = sample.isEmpty ? largest : sample[sample.count / 10]
        // Never more than six decades of linear range below the maximum, never above a tenth of it.
        return SignedScale(maximum: largest, threshold: min(largest / 10, max(tenth, largest * 1e-6)))
    }

    /// The position of `value` in -1...1 (clamped); nil for NaN and infinities.
    public func position(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        let magnitude = abs(value)
        guard magnitude > zeroCutoff else { return 0 }
        let t: Double
        if let c = threshold {
            t = log10(1 + magnitude / c) / log10(1 + maximum / c)
        } else {
            t = magnitude / maximum
        }
        return value < 0 ? -min(1, t) : min(1, t)
    }

    /// The value at position `t` in -1...1: the inverse of `position`.
    public func value(at t: Double) -> Double {
        let clamped = max(-1, min(1, t.isFinite ? t : 0))
        let magnitude: Double
        if let c = threshold {
            magnitude = c * (pow(1 + maximum / c, abs(clamped)) - 1)
        } else {
            magnitude = abs(clamped) * maximum
        }
        return clamped < 0 ? -magnitude : magnitude
    }

    /// Values worth a labelled tick, largest first: +-maximum-ish decades, the threshold and zero,
    /// at most `maxCount` of them.
    public func ticks(maxCount: Int) -> [Double] {
        guard maxCount > 0 else { return [] }
        var positive: [Double]
        if let c = threshold {
            let exponents = Int(ceil(log10(c) - 1e-9))...Int(floor(log10(maximum) + 1e-9))
            positive = exponents.map { pow(10, Double($0)) }
        } else {
            positive = Ticks.linear(lower: 0, upper: maximum, maxCount: max(1, maxCount / 2)).filter { $0 > 0 }
        }
        if positive.isEmpty { positive = [maximum] }
        // Both signs plus zero must fit: thin the magnitudes evenly, keeping the largest.
        let room = max(1, (maxCount - 1) / 2)
        if positive.count > room {
            let stride = Int(ceil(Double(positive.count) / Double(room)))
            positive = Swift.stride(from: positive.count - 1, through: 0, by: -stride).map { positive[$0] }.reversed()
        }
        let magnitudes = positive.reversed()
        return Array(magnitudes) + [0] + magnitudes.reversed().map { -$0 }
    }
}
