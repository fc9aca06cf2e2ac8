/// The data rectangle a plot panel shows; maps data coordinates to fractions of the panel.
public struct Viewport: Hashable, Sendable {
    /// Smallest x shown (left edge).
    public let xMin: Double
    /// Largest x shown (right edge).
    public let xMax: Double
    /// Smallest y shown (bottom edge).
    public let yMin: Double
    /// Largest y shown (top edge).
    public let yMax: Double

    /// Creates a viewport; non-finite or empty ranges are widened to a unit span so mapping never divides by zero.
    public init(x: ClosedRange<Double>, y: ClosedRange<Double>) {
        (xMin, xMax) = Viewport.sanitize(x.lowerBound, x.upperBound)
        (yMin, yMax) = Viewport.sanitize(y.lowerBound, y.upperBound)
    }

    /// Creates a viewport from bounds that may be NaN, infinite or reversed (a `ClosedRange` would
    /// trap on those): reversed bounds are swapped, unusable ones replaced as in `init(x:y:)`.
    public init(xMin: Double, xMax: Double, yMin: Double, yMax: Double) {
        (self.xMin, self.xMax) = Viewport.sanitize(min(xMin, xMax), max(xMin, xMax))
        (self.yMin, self.yMax) = Viewport.sanitize(min(yMin, yMax), max(yMin, yMax))
    }

    /// Width of the x range.
    public var width: Double { xMax - xMin }
    /// Height of the y range.
    public var height: Double { yMax - yMin }

    /// Position of a data point as fractions of the panel: x from the left, y from the top.
    public func fractions(x: Double, y: Double) -> (x: Double, fromTop: Double) {
        ((x - xMin) / (xMax - xMin), (yMax - y) / (yMax - yMin))
    }

    /// The data point at fractions of the panel (x from the left, y from the top).
    public func point(fractionX: Double, fractionFromTop: Double) -> (x: Double, y: Double) {
        (xMin + fractionX * (xMax - xMin), yMax - fractionFromTop * (yMax - yMin))
    }

    /// The viewport scaled about its centre (factor < 1 zooms in).
    public func zoomed(by factor: Double) -> Viewport {
        guard factor.isFinite, factor > 0 else { return self }
        let cx = (xMin + xMax) / 2, cy = (yMin + yMax) / 2
        let hw = width / 2 * factor, hh = height / 2 * factor
        return Viewport(x: (cx - hw)...(cx + hw), y: (cy - hh)...(cy + hh))
    }

    /// The viewport moved by fractions of its own size (positive x right, positive y up).
    public func panned(byFractionX dx: Double, y dy: Double) -> Viewport {
        guard dx.isFinite, dy.isFinite else { return self }
        let sx = dx * width, sy = dy * height
        return Viewport(x: (xMin + sx)...(xMax + sx), y: (yMin + sy)...(yMax + sy))
    }

    private static func sanitize(_ low: Double, _ high: Double) -> (Double, Double) {
        guard low.isFinite, high.isFinite else { return (-1, 1) }
        if high - low > 0, (high - low).isFinite { return (low, high) }
        let pad = max(abs(low) * 1e-6, 0.5)
        return (low - pad, high + pad)
    }
}
