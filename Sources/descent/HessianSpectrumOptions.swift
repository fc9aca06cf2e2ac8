import ArgumentParser
import Networks
import Objectives

/// `descent hessian --spectrum` and the settings of its stochastic Lanczos quadrature.
struct HessianSpectrumOptions: ParsableArguments {
    @Flag(help: "Estimate blockwise Hessian spectra through Hessian-vector products instead of forming the full Hessian.")
    var spectrum = false

    @Option(help: "Blocks (with --spectrum): tensor (one per tensor) or official (each tensor cut into Adam-mini's official blocks).")
    var blocks: SpectrumBlocking?

    @Option(name: .customLong("lanczos-steps"), parsing: .unconditional, help: "Lanczos steps per probe (default \(SpectrumSettings.defaultLanczosSteps)).")
    var lanczosSteps: Int?

    @Option(parsing: .unconditional, help: "Gaussian probe vectors per block (default \(SpectrumSettings.defaultProbes)).")
    var probes: Int?

    @Option(name: .customLong("kernel-width"), parsing: .unconditional, help: "Gaussian kernel standard deviation, in decades of the density's axis (default \(SpectrumSettings.defaultKernelWidth)).")
    var kernelWidth: Double?

    @Option(parsing: .unconditional, help: "Points of the density grid (default \(SpectrumSettings.defaultGridSize)).")
    var grid: Int?

    @Option(name: .customLong("axis-decades"), parsing: .unconditional, help: "Decades the axis resolves below the largest |eigenvalue| before turning linear through zero (default \(SpectrumSettings.defaultAxisDecades.formatted)).")
    var axisDecades: Double?

    @Option(name: .customLong("exact-limit"), parsing: .unconditional, help: "Blocks of at most this many parameters get exact eigenvalues instead of SLQ (default \(SpectrumSettings.defaultExactLimit)).")
    var exactLimit: Int?

    @Flag(help: "Orthogonalise each Lanczos vector against all earlier ones (default: the plain three-term recurrence, as the paper).")
    var reorthogonalise = false

    /// Flags given that only mean something with --spectrum.
    var spectrumOnlyFlags: [String] {
        var flags: [String] = []
        if blocks != nil { flags.append("--blocks") }
        if lanczosSteps != nil { flags.append("--lanczos-steps") }
        if probes != nil { flags.append("--probes") }
        if kernelWidth != nil { flags.append("--kernel-width") }
        if grid != nil { flags.append("--grid") }
        if axisDecades != nil { flags.append("--axis-decades") }
        if exactLimit != nil { flags.append("--exact-limit") }
        if reorthogonalise { flags.append("--reorthogonalise") }
        return flags
    }

    /// The settings these flags give, seeded.
    func settings(seed: UInt64) -> SpectrumSettings {
        SpectrumSettings(
            lanczosSteps: lanczosSteps ?? SpectrumSettings.defaultLanczosSteps, probes: probes ?? SpectrumSettings.defaultProbes,
            kernelWidth: kernelWidth ?? SpectrumSettings.defaultKernelWidth, gridSize: grid ?? SpectrumSettings.defaultGridSize,
            reorthogonalise: reorthogonalise, exactLimit: exactLimit ?? SpectrumSettings.defaultExactLimit,
            axisDecades: axisDecades ?? SpectrumSettings.defaultAxisDecades, seed: seed)
    }

    func validate() throws {
        guard spectrum else {
            let flags = spectrumOnlyFlags
            if !flags.isEmpty { throw ValidationError("\(flags.joined(separator: ", ")) only apply with --spectrum") }
            return
        }
        if let lanczosSteps, lanczosSteps < 1 { throw ValidationError("--lanczos-steps \(lanczosSteps): give 1 or more") }
        if let probes, probes < 1 { throw ValidationError("--probes \(probes): give 1 or more") }
        if let kernelWidth, !(kernelWidth > 0 && kernelWidth.isFinite) {
            throw ValidationError("--kernel-width \(kernelWidth): give a positive number of decades, e.g. 0.2")
        }
        if let grid, !(2...1_000_000).contains(grid) { throw ValidationError("--grid \(grid): give 2 to 1000000 points") }
        if let axisDecades, !(axisDecades > 0 && axisDecades <= 300) {
            throw ValidationError("--axis-decades \(axisDecades): give a number above 0, at most 300")
        }
        if let exactLimit, exactLimit < 0 { throw ValidationError("--exact-limit \(exactLimit): give 0 or more") }
    }
}

extension SpectrumBlocking: ExpressibleByArgument {}

private extension Double {
    /// 4 rather than 4.0 in help text.
    var formatted: String { self == rounded() ? String(Int(self)) : description }
}
