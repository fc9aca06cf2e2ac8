import Foundation

/// A spectrum smoothed into a density on a grid: each eigenvalue (or Ritz value) contributes its
/// weight times a Gaussian kernel centred on its axis position, and the values are scaled so
/// that sum(values) * spacing = 1 (a density per unit of the axis, per decade).
public struct SpectralDensity: Sendable, Equatable {
    /// Where the values are.
    public let grid: SpectralGrid
    /// The density at each grid point.
    public let values: [Double]

    /// The density of `spectrum` on `grid` with a kernel of standard deviation `kernelWidth`
    /// axis units (contributions beyond eight widths are dropped: below 1e-14 of the peak).
    ///
    /// - Precondition: kernelWidth > 0.
    public init(_ spectrum: BlockSpectrum, grid: SpectralGrid, kernelWidth: Double) {
        precondition(kernelWidth > 0, "a positive kernel width")
        var values = [Double](repeating: 0, count: grid.count)
        let spacing = grid.spacing
        let reach = Int((8 * kernelWidth / spacing).rounded(.up))
        let scale = 1 / (2 * kernelWidth * kernelWidth)
        for (node, weight) in zip(spectrum.nodes, spectrum.weights) where node.isFinite && weight > 0 {
            let u = grid.axis.position(of: node)
            let centre = Int(((u - grid.lower) / spacing).rounded())
            let first = max(0, centre - reach), last = min(grid.count - 1, centre + reach)
            guard first <= last else { continue }
            for i in first...last {
                let d = grid.position(i) - u
                values[i] += weight * Foundation.exp(-d * d * scale)
            }
        }
        let mass = values.reduce(0, +) * spacing
        self.init(grid: grid, values: mass > 0 ? values.map { $0 / mass } : values)
    }

    /// A density from its parts (values taken as they are).
    ///
    /// - Precondition: one value per grid point.
    public init(grid: SpectralGrid, values: [Double]) {
        precondition(values.count == grid.count, "one value per grid point")
        self.grid = grid
        self.values = values
    }

    /// The probability of each grid cell: value * spacing (they add up to 1).
    public var probabilities: [Double] {
        let spacing = grid.spacing
        return values.map { $0 * spacing }
    }

    /// The Jensen-Shannon distance to another density on the same grid: the square root of
    /// JSD(p, q) = (KL(p || m) + KL(q || m)) / 2 with m = (p + q) / 2, in bits, over the grid
    /// cells' probabilities; 0 for equal densities, 1 for densities with no cell in common.
    ///
    /// - Precondition: the same grid.
    public func jensenShannonDistance(to other: SpectralDensity) -> Double {
        precondition(grid == other.grid, "densities on one grid")
        let p = probabilities, q = other.probabilities
        var divergence = 0.0
        for i in p.indices {
            let m = (p[i] + q[i]) / 2
            if p[i] > 0 { divergence += p[i] * Foundation.log2(p[i] / m) }
            if q[i] > 0 { divergence += q[i] * Foundation.log2(q[i] / m) }
        }
        // Rounding can leave a tiny negative divergence for equal densities.
        return (max(divergence / 2, 0)).squareRoot()
    }
}
