/// How different the blocks' spectra are: every block's density on one common grid, the
/// Jensen-Shannon distance between each pair, and their mean (Zhang et al. 2024's JS^0 when
/// taken at initialisation; near 0 for alike blocks, up to 1).
public struct BlockHeterogeneity: Sendable, Equatable {
    /// The blocks' spectra.
    public let blocks: [BlockSpectrum]
    /// The whole operator's spectrum, when it was estimated.
    public let full: BlockSpectrum?
    /// The grid every density is on.
    public let grid: SpectralGrid
    /// Each block's density.
    public let densities: [SpectralDensity]
    /// The whole operator's density.
    public let fullDensity: SpectralDensity?
    /// JS distance between blocks i and j at [i][j] (symmetric, zero diagonal).
    public let distances: [[Double]]

    /// Densities and distances for these spectra, on the grid covering all of them (`full`
    /// included, so the whole density sits on the same axis).
    public init(blocks: [BlockSpectrum], full: BlockSpectrum? = nil, settings: SpectrumSettings) {
        let grid = SpectralGrid(covering: blocks + (full.map { [$0] } ?? []), settings: settings)
        self.init(blocks: blocks, full: full, grid: grid, kernelWidth: settings.kernelWidth)
    }

    /// Densities and distances on a given grid.
    public init(blocks: [BlockSpectrum], full: BlockSpectrum?, grid: SpectralGrid, kernelWidth: Double) {
        self.blocks = blocks
        self.full = full
        self.grid = grid
        let densities = blocks.map { SpectralDensity($0, grid: grid, kernelWidth: kernelWidth) }
        self.densities = densities
        fullDensity = full.map { SpectralDensity($0, grid: grid, kernelWidth: kernelWidth) }
        var distances = [[Double]](repeating: Array(repeating: 0, count: blocks.count), count: blocks.count)
        for i in blocks.indices {
            for j in (i + 1)..<max(i + 1, blocks.count) {
                let d = densities[i].jensenShannonDistance(to: densities[j])
                distances[i][j] = d
                distances[j][i] = d
            }
        }
        self.distances = distances
    }

    /// The mean JS distance over all pairs of different blocks, or nil with fewer than two.
    public var meanDistance: Double? {
        let k = blocks.count
        guard k >= 2 else { return nil }
        var sum = 0.0
        for i in 0..<k {
            for j in (i + 1)..<k { sum += distances[i][j] }
        }
        return sum / Double(k * (k - 1) / 2)
    }
}
