import Foundation

/// How values are spread over a colour scale.
public enum ScaleKind: Sendable, Hashable {
    /// Equal value steps get equal colour steps.
    case linear
    /// Equal ratios get equal colour steps; values are shifted first when the range reaches zero or below.
    case log
}

/// Which part of the data a colour scale spans.
public enum RangeSelection: Sendable, Hashable {
    /// From the lowest finite value to the highest.
    case full
    /// Between two percentiles (fractions 0...1) of the finite values: robust to outliers.
    case percentiles(low: Double, high: Double)
    /// A fixed range.
    case fixed(lower: Double, upper: Double)

    /// The default for loss surfaces: keep the minimum, ignore the top 2% (spikes, walls).
    public static let robust = RangeSelection.percentiles(low: 0, high: 0.98)
}

/// Maps values to 0...1 for colormaps and contour levels; never produces NaN for finite input.
public struct ColorScale: Sendable, Hashable {
    /// Lowest value of the range.
    public let lower: Double
    /// Highest value of the range.
    public let upper: Double
    /// Linear or logarithmic.
    public let kind: ScaleKind
    /// Added to values before taking logarithms, so ranges touching zero or below still work.
    public let logShift: Double

    private let transformedLower: Double
    /// Half the transformed span: halves stay finite even for -1e308...1e308.
    private let transformedHalfSpan: Double

    /// Creates a scale over `lower...upper` (swapped if reversed; non-finite bounds become 0...1).
    public init(lower: Double, upper: Double, kind: ScaleKind = .linear) {
        var low = lower.isFinite ? lower : 0
        var high = upper.isFinite ? upper : low + 1
        if high < low { swap(&low, &high) }
        self.lower = low
        self.upper = high
        self.kind = kind
        switch kind {
        case .linear:
            logShift = 0
        case .log:
            // Below or at zero a logarithm is undefined: shift so the minimum sits a little above zero,
            // a small fraction of the range, which keeps resolution near the minimum of a loss surface.
            let span = high - low
            logShift = low > 0 ? 0 : -low + max(span * 1e-4, Double.leastNormalMagnitude * 1e10)
        }
        let tLow = ColorScale.transform(low, kind: kind, shift: logShift)
        let tHigh = ColorScale.transform(high, kind: kind, shift: logShift)
        transformedLower = tLow
        transformedHalfSpan = tHigh / 2 - tLow / 2
    }

    /// Fits a scale to data: non-finite values are ignored, large inputs are subsampled for speed.
    public static func fitting(_ values: [Double], kind: ScaleKind = .linear, range: RangeSelection = .robust) -> ColorScale {
        if case let .fixed(lower, upper) = range { return ColorScale(lower: lower, upper: upper, kind: kind) }
        let stride = max(1, values.count / 8192)
        var sample: [Double] = []
        sample.reserveCapacity(min(values.count, 8192 + 1))
        var index = 0
        while index < values.count {
            let value = values[index]
            if value.isFinite { sample.append(value) }
            index += stride
        }
        guard !sample.isEmpty else { return ColorScale(lower: 0, upper: 1, kind: kind) }
        sample.sort()
        var low = sample[0], high = sample[sample.count - 1]
        if case let .percentiles(pLow, pHigh) = range {
            low = percentile(sample, pLow)
            high = percentile(sample, pHigh)
            if high <= low { high = sample[sample.count - 1] }
        }
        return ColorScale(lower: low, upper: high, kind: kind)
    }

    /// The value's position in 0...1 (clamped), or nil for NaN and infinities.
    public func normalized(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        guard transformedHalfSpan > 0 else { return 0.5 }
        let transformed = ColorScale.transform(value, kind: kind, shift: logShift)
        let t = (transformed / 2 - transformedLower / 2) / transformedHalfSpan
        guard t.isFinite else { return value > lower ? 1 : 0 }
        return min(1, max(0, t))
    }

    /// The value at position `t` in 0...1: the inverse of `normalized`.
    public func value(at t: Double) -> Double {
        let clamped = t.isFinite ? min(1, max(0, t)) : 0
        let value: Double
        switch kind {
        case .linear:
            value = lower * (1 - clamped) + upper * clamped
        case .log:
            value = pow(10, transformedLower + 2 * clamped * transformedHalfSpan) - logShift
        }
        return value.isFinite ? min(upper, max(lower, value)) : (clamped < 0.5 ? lower : upper)
    }

    private static func transform(_ value: Double, kind: ScaleKind, shift: Double) -> Double {
        switch kind {
        case .linear: return value
        case .log: return log10(max(value + shift, Double.leastNormalMagnitude))
        }
    }

    private static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        let f = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let position = f * Double(sorted.count - 1)
        let index = Int(position)
        let next = min(sorted.count - 1, index + 1)
        return sorted[index] + (sorted[next] - sorted[index]) * (position - Double(index))
    }
}
