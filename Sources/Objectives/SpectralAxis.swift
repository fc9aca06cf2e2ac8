import Foundation

/// The eigenvalue axis spectral densities live on: symmetric logarithmic, so that a network
/// Hessian's negative eigenvalues, its near-zero bulk and its outliers three orders of magnitude
/// up all get room, and blocks whose spectra differ in scale (the heterogeneity that hampers one
/// learning rate) land apart.
///
/// A position is u(lambda) = sign(lambda) log10(1 + |lambda| / threshold): about log10 |lambda|
/// above the threshold, linear through zero below it. A linear axis (the paper's) would squeeze
/// every block but the largest into a spike at zero; a plain log axis has no place for
/// lambda <= 0.
public struct SpectralAxis: Sendable, Equatable {
    /// Where the axis turns from logarithmic to linear.
    public let threshold: Double

    /// An axis turning linear below `threshold`.
    ///
    /// - Precondition: threshold > 0 and finite.
    public init(threshold: Double) {
        precondition(threshold > 0 && threshold.isFinite, "a positive, finite threshold")
        self.threshold = threshold
    }

    /// The axis resolving `decades` decades below `scale` (the largest |eigenvalue| shown):
    /// threshold = scale / 10^decades, or 1 when there is no scale (every eigenvalue 0).
    public init(scale: Double, decades: Double) {
        let threshold = scale * Foundation.pow(10, -decades)
        self.init(threshold: threshold > 0 && threshold.isFinite ? threshold : 1)
    }

    /// The axis position of an eigenvalue.
    public func position(of eigenvalue: Double) -> Double {
        let magnitude = Foundation.log10(1 + abs(eigenvalue) / threshold)
        return eigenvalue < 0 ? -magnitude : magnitude
    }

    /// The eigenvalue at an axis position (the inverse of `position`).
    public func eigenvalue(at position: Double) -> Double {
        let magnitude = threshold * (Foundation.pow(10, abs(position)) - 1)
        return position < 0 ? -magnitude : magnitude
    }
}
