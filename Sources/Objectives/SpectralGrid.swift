/// Evenly spaced points of a `SpectralAxis`, shared by every density that is compared (the
/// Jensen-Shannon distance needs one grid).
public struct SpectralGrid: Sendable, Equatable {
    /// The axis.
    public let axis: SpectralAxis
    /// The first point's position.
    public let lower: Double
    /// The last point's position.
    public let upper: Double
    /// Number of points.
    public let count: Int

    /// A grid of `count` points from `lower` to `upper`.
    ///
    /// - Precondition: count >= 2, lower < upper, both finite.
    public init(axis: SpectralAxis, lower: Double, upper: Double, count: Int) {
        precondition(count >= 2 && lower < upper && lower.isFinite && upper.isFinite, "at least two points on a finite interval")
        self.axis = axis
        self.lower = lower
        self.upper = upper
        self.count = count
    }

    /// The grid for these spectra: an axis resolving `settings.axisDecades` decades below their
    /// largest |eigenvalue|, from their smallest to their largest eigenvalue with four kernel
    /// widths to spare on each side, `settings.gridSize` points.
    public init(covering spectra: [BlockSpectrum], settings: SpectrumSettings) {
        let nodes = spectra.flatMap(\.nodes).filter(\.isFinite)
        let scale = nodes.map(abs).max() ?? 0
        let axis = SpectralAxis(scale: scale, decades: settings.axisDecades)
        let low = nodes.min().map(axis.position) ?? 0
        let high = nodes.max().map(axis.position) ?? 0
        let margin = 4 * settings.kernelWidth
        self.init(axis: axis, lower: low - margin, upper: high + margin, count: settings.gridSize)
    }

    /// Distance between neighbouring points, in axis units.
    public var spacing: Double { (upper - lower) / Double(count - 1) }

    /// Axis position of point i.
    public func position(_ i: Int) -> Double { lower + Double(i) * spacing }

    /// Every point's axis position.
    public var positions: [Double] { (0..<count).map(position) }

    /// Every point's eigenvalue.
    public var eigenvalues: [Double] { (0..<count).map { axis.eigenvalue(at: position($0)) } }
}
