/// How spectra are estimated and smoothed into densities; the defaults are Zhang et al. 2024's
/// ("Why Transformers Need Adam: A Hessian Perspective"): 100 Lanczos steps from 10 Gaussian
/// start vectors, Gaussian kernel smoothing.
public struct SpectrumSettings: Sendable, Equatable {
    /// Lanczos steps per start vector (at most the block's size).
    public var lanczosSteps: Int
    /// Gaussian start vectors (probes) per block.
    public var probes: Int
    /// Standard deviation of the Gaussian kernel, in units of the density's axis (decades of
    /// the symmetric log axis, see `SpectralAxis`).
    public var kernelWidth: Double
    /// Points of the density grid.
    public var gridSize: Int
    /// Whether each Lanczos vector is orthogonalised against all earlier ones.
    public var reorthogonalise: Bool
    /// Blocks of at most this many coordinates get their exact eigenvalues instead of SLQ.
    public var exactLimit: Int
    /// Decades the axis resolves below the largest |eigenvalue| before turning linear.
    public var axisDecades: Double
    /// Seed of the probes.
    public var seed: UInt64

    /// The paper's Lanczos steps.
    public static let defaultLanczosSteps = 100
    /// The paper's probes.
    public static let defaultProbes = 10
    /// A fifth of a decade: wide enough to join the Ritz values of 10 probes into one curve
    /// (against the exact density of matrices with known spectra, SLQ's then lies about 0.02
    /// away in JS distance: the noise floor), narrow enough to keep blocks apart whose scales
    /// differ by a factor of three.
    public static let defaultKernelWidth = 0.2
    /// Grid points.
    public static let defaultGridSize = 1000
    /// The block size up to which eigenvalues are exact.
    public static let defaultExactLimit = 2000
    /// Decades resolved below the largest |eigenvalue|: about what 100 Lanczos steps resolve
    /// (Ritz values near an end of the spectrum are spaced about (pi / k)^2 / 4 of its width
    /// apart); smaller eigenvalues share the linear stretch of the axis around zero.
    public static let defaultAxisDecades = 4.0

    /// Settings with the given values, the paper's and descent's defaults elsewhere.
    public init(lanczosSteps: Int = defaultLanczosSteps, probes: Int = defaultProbes,
                kernelWidth: Double = defaultKernelWidth, gridSize: Int = defaultGridSize,
                reorthogonalise: Bool = true, exactLimit: Int = defaultExactLimit,
                axisDecades: Double = defaultAxisDecades, seed: UInt64 = 0) {
        self.lanczosSteps = lanczosSteps
        self.probes = probes
        self.kernelWidth = kernelWidth
        self.gridSize = gridSize
        self.reorthogonalise = reorthogonalise
        self.exactLimit = exactLimit
        self.axisDecades = axisDecades
        self.seed = seed
    }

    /// What is wrong with these settings, naming the setting and what is valid, or nil.
    public var problem: String? {
        if lanczosSteps < 1 { return "Lanczos steps \(lanczosSteps): give 1 or more" }
        if probes < 1 { return "probes \(probes): give 1 or more" }
        if !(kernelWidth > 0 && kernelWidth.isFinite) { return "kernel width \(kernelWidth): give a positive number of decades" }
        if gridSize < 2 || gridSize > 1_000_000 { return "grid size \(gridSize): give 2 to 1000000 points" }
        if exactLimit < 0 { return "exact limit \(exactLimit): give 0 or more coordinates" }
        if !(axisDecades > 0 && axisDecades <= 300) { return "axis decades \(axisDecades): give a number above 0, at most 300" }
        return nil
    }
}
