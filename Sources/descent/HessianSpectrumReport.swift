import Foundation
import Networks
import Objectives
import OptimizerCore

/// What `descent hessian --spectrum` found: per block its method, extreme eigenvalues, condition
/// number and density, the full Hessian's density, the Jensen-Shannon distances between blocks
/// and their mean, at initialisation and after training; as a table or one JSON object.
struct HessianSpectrumReport {
    /// The spectra at one point of training.
    struct Measurement {
        let step: Int
        let loss: Double
        let heterogeneity: BlockHeterogeneity
    }

    let model: String
    let task: String
    let parameters: Int
    let examples: Int
    let blocking: SpectrumBlocking
    let settings: SpectrumSettings
    let optimizer: String
    let initial: Measurement
    let trained: Measurement?

    func print(format: HessianCommand.Format) {
        switch format {
        case .json: Swift.print(json())
        case .text, .table: Swift.print(table())
        }
    }

    // MARK: JSON

    func json() -> String {
        var fields = [
            ("model", JSONText.string(model)), ("task", JSONText.string(task)), ("parameters", "\(parameters)"),
            ("examples", "\(examples)"), ("blocking", JSONText.string(blocking.rawValue)), ("settings", settingsJSON()),
        ]
        fields += measurementFields(initial)
        if let trained {
            fields.append(("trained", object([("optimizer", JSONText.string(optimizer))] + measurementFields(trained))))
        }
        return object(fields)
    }

    private func settingsJSON() -> String {
        object([
            ("lanczos_steps", "\(settings.lanczosSteps)"), ("probes", "\(settings.probes)"),
            ("kernel_width", JSONText.number(settings.kernelWidth)), ("grid", "\(settings.gridSize)"),
            ("reorthogonalise", "\(settings.reorthogonalise)"), ("exact_limit", "\(settings.exactLimit)"),
            ("axis_decades", JSONText.number(settings.axisDecades)), ("seed", "\(settings.seed)"),
        ])
    }

    private func measurementFields(_ m: Measurement) -> [(String, String)] {
        let h = m.heterogeneity
        let grid = h.grid
        let axis = object([
            ("scale", JSONText.string("symlog")), ("threshold", JSONText.number(grid.axis.threshold)),
            ("lower", JSONText.number(grid.lower)), ("upper", JSONText.number(grid.upper)), ("count", "\(grid.count)"),
        ])
        let eigenvalues = array(grid.eigenvalues.map(JSONText.number))
        let blocks = array(zip(h.blocks, h.densities).map { block($0, $1, grid: eigenvalues) })
        let full = zip(h.full.map { [$0] } ?? [], h.fullDensity.map { [$0] } ?? []).map { block($0, $1, grid: eigenvalues) }.first ?? "null"
        let distances = array(h.distances.map { array($0.map(JSONText.number)) })
        return [
            ("step", "\(m.step)"), ("loss", JSONText.number(m.loss)), ("axis", axis), ("blocks", blocks), ("full", full),
            ("js_distance", distances), ("mean_js", h.meanDistance.map(JSONText.number) ?? "null"),
        ]
    }

    private func block(_ spectrum: BlockSpectrum, _ density: SpectralDensity, grid: String) -> String {
        object([
            ("name", JSONText.string(spectrum.name)), ("size", "\(spectrum.size)"), ("method", JSONText.string(spectrum.method.rawValue)),
            ("lambda_min", JSONText.number(spectrum.lambdaMin)), ("lambda_max", JSONText.number(spectrum.lambdaMax)),
            ("condition", spectrum.condition.map(JSONText.number) ?? "null"),
            ("density", object([("grid", grid), ("values", array(density.values.map(JSONText.number)))])),
        ])
    }

    private func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\(JSONText.string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    private func array(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }

    // MARK: Table

    func table() -> String {
        var text = "\(model) with \(parameters) parameters on \(task); loss over \(examples) training examples; "
            + "blocks: \(blocking == .tensor ? "one per tensor" : "each tensor cut into Adam-mini's official blocks"); "
            + "SLQ: \(settings.lanczosSteps) Lanczos steps x \(settings.probes) probes"
            + "\(settings.reorthogonalise ? ", reorthogonalised" : ""), exact up to \(settings.exactLimit) parameters\n"
        text += describe(initial, title: "at initialisation")
        if let trained { text += "\n" + describe(trained, title: "after \(trained.step) steps of \(optimizer)") }
        return text
    }

    private func describe(_ m: Measurement, title: String) -> String {
        let h = m.heterogeneity
        var lines = ["", "Hessian spectra \(title) (loss \(NumberText.fixed(m.loss, "%.4f")))"]
        let nameWidth = max(12, (h.blocks.map(\.name) + ["full Hessian"]).map(\.count).max() ?? 0)
        lines.append(Self.pad("block", nameWidth) + "   size  method   lambda_min   lambda_max   condition  density")
        let spark = SpectrumSparkline(grid: h.grid)
        func row(_ name: String, _ s: BlockSpectrum, _ d: SpectralDensity) -> String {
            Self.pad(name, nameWidth) + " " + Self.padLeft("\(s.size)", 6) + "  " + Self.pad(s.method.rawValue, 7)
                + Self.padLeft(NumberText.fixed(s.lambdaMin, "%.3e"), 13) + Self.padLeft(NumberText.fixed(s.lambdaMax, "%.3e"), 13)
                + Self.padLeft(Self.condition(s), 12) + "  " + spark.line(d)
        }
        for (s, d) in zip(h.blocks, h.densities) { lines.append(row(s.name, s, d)) }
        if let full = h.full, let density = h.fullDensity { lines.append(row("full Hessian", full, density)) }
        lines.append(Self.pad("", nameWidth) + String(repeating: " ", count: 55) + "  " + spark.axisLabels())
        lines.append("densities on a symmetric log axis: u = sign(lambda) log10(1 + |lambda| / \(NumberText.fixed(h.grid.axis.threshold, "%.2e")))")
        lines.append("")
        lines.append("Jensen-Shannon distance between block densities (0 alike, 1 disjoint):")
        let labels = h.blocks.indices.map { "\($0 + 1)" }
        lines.append(Self.pad("", 4) + labels.map { Self.padLeft($0, 6) }.joined())
        for (i, rowValues) in h.distances.enumerated() {
            lines.append(Self.padLeft(labels[i], 3) + " " + rowValues.map { Self.padLeft(NumberText.fixed($0, "%.3f"), 6) }.joined()
                         + "  " + h.blocks[i].name)
        }
        lines.append("mean JS distance over \(h.blocks.count * (h.blocks.count - 1) / 2) pairs: "
                     + (h.meanDistance.map { NumberText.fixed($0, "%.4f") } ?? "n/a (one block)"))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The condition number, or why there is none: a negative eigenvalue (beyond rounding of the
    /// largest) makes the block indefinite, a zero one singular.
    static func condition(_ s: BlockSpectrum) -> String {
        if let condition = s.condition { return NumberText.fixed(condition, "%.3g") }
        return s.lambdaMin < -1e-9 * abs(s.lambdaMax) ? "indefinite" : "singular"
    }

    static func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }
    static func padLeft(_ s: String, _ width: Int) -> String { s.count >= width ? s : String(repeating: " ", count: width - s.count) + s }
}

/// A density as a row of block glyphs (one cell per stretch of the axis), heights scaled to
/// the row's own peak.
struct SpectrumSparkline {
    static let width = 40
    static let glyphs: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    let grid: SpectralGrid

    func line(_ density: SpectralDensity) -> String {
        let cells = Self.width
        var sums = [Double](repeating: 0, count: cells)
        for (i, p) in density.probabilities.enumerated() { sums[min(cells - 1, i * cells / grid.count)] += p }
        let peak = sums.max() ?? 0
        return String(sums.map { value in
            guard peak > 0, value > 0 else { return Self.glyphs[0] }
            return Self.glyphs[max(1, Int((value / peak * 8).rounded()))]
        })
    }

    /// The eigenvalues at the ends and middle of the axis.
    func axisLabels() -> String {
        let low = NumberText.fixed(grid.axis.eigenvalue(at: grid.lower), "%.1e")
        let mid = NumberText.fixed(grid.axis.eigenvalue(at: (grid.lower + grid.upper) / 2), "%.1e")
        let high = NumberText.fixed(grid.axis.eigenvalue(at: grid.upper), "%.1e")
        let gap = max(1, (Self.width - low.count - mid.count - high.count) / 2)
        return low + String(repeating: " ", count: gap) + mid + String(repeating: " ", count: max(1, Self.width - low.count - gap - mid.count - high.count)) + high
    }
}
