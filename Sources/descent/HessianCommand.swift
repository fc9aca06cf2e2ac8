import ArgumentParser
import Foundation
import Networks
import Objectives
import OptimizerCore
import Rendering

/// `descent hessian`: the full Hessian of a tiny network's training loss, with Adam-mini's
/// official partition outlined and the share of the Hessian it captures; or, with --spectrum,
/// blockwise Hessian spectra of a network of any size through Hessian-vector products.
struct HessianCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hessian",
        abstract: "Form the full Hessian of a tiny network's loss and measure how block-diagonal it is in Adam-mini's blocks, or estimate blockwise Hessian spectra (--spectrum).",
        discussion: """
        The Hessian is taken in double precision by central differences of exact (backpropagated) \
        gradients and symmetrised, on the training loss over the first --examples training examples \
        (default \(HessianCommand.fullExamples); \(HessianCommand.spectrumExamples) with --spectrum), at \
        initialisation and, with --steps N, after N steps of training. The share is the part of its \
        squared Frobenius norm inside Adam-mini's blocks (each block covers the square of its \
        coordinates), next to the same share for blocks of the same sizes over randomly drawn \
        coordinates (a seeded random permutation cut into the same sizes), averaged over --draws draws.

        With --spectrum the Hessian is never formed: Hessian-vector products (central differences \
        of gradients along the vector) drive stochastic Lanczos quadrature on each block (one per \
        tensor, or each tensor cut into Adam-mini's official blocks with --blocks official) and on \
        the full Hessian, as in Zhang et al. 2024 (100 Lanczos steps from 10 Gaussian probes); \
        blocks of at most --exact-limit parameters get their exact eigenvalues. Densities are \
        Gaussian kernel densities on one symmetric log axis (negative eigenvalues included); the \
        Jensen-Shannon distance between each pair of block densities and its mean measure how \
        heterogeneous the blocks are. Model sizes default to those of `descent train`.
        """
    )

    /// Training examples the full Hessian's loss is averaged over by default.
    static let fullExamples = 512
    /// Training examples of the spectra by default: Hessian-vector products of the default
    /// transformer cost two gradients each, and its blockwise spectra take about 10,000 of them.
    static let spectrumExamples = 64
    /// A bound that keeps the O(n^2) memory and 2n gradient evaluations to seconds.
    static let maximumParameters = 4000

    /// Output formats: `table` is another name for `text`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, table, json
    }

    @OptionGroup var modelOptions: TrainModelOptions
    @OptionGroup var optimizerOptions: TrainOptimizerOptions
    @OptionGroup var spectrumOptions: HessianSpectrumOptions

    @Option(parsing: .unconditional, help: "Also take the Hessian after this many training steps.")
    var steps: Int = 0

    @Option(parsing: .unconditional, help: "Training examples the loss is averaged over (default \(HessianCommand.fullExamples); \(HessianCommand.spectrumExamples) with --spectrum).")
    var examples: Int?

    @Option(parsing: .unconditional, help: "Random partitions averaged for the baseline share.")
    var draws: Int?

    @Option(name: .shortAndLong, help: "Write the (final) Hessian to this CSV file, one matrix row per line.")
    var output: String?

    @Flag(help: "Allow --output to replace an existing file.")
    var force = false

    @Option(help: "Output: text (or table) or json.")
    var format: Format = .text

    static let defaultDraws = 20

    func validate() throws {
        if steps < 0 { throw ValidationError("--steps \(steps): give 0 or more") }
        if let draws, draws < 1 { throw ValidationError("--draws \(draws): give 1 or more") }
        if let examples, examples < 1 { throw ValidationError("--examples \(examples): give 1 or more") }
        if spectrumOptions.spectrum {
            if output != nil { throw ValidationError("--output writes the full Hessian as CSV; --spectrum never forms it (redirect the --format json output instead)") }
            if draws != nil { throw ValidationError("--draws sets the random baseline of the block share, which --spectrum does not measure") }
        }
    }

    func run() throws {
        let sizes: TrainModelOptions.Defaults = spectrumOptions.spectrum ? .training : .small
        let trainer: Trainer
        do {
            if let output {
                do { try AtomicFile.checkDestination(output, overwrite: force) } catch {
                    throw TrainFlagError(message: "--output: \(ForceHint.message(error))")
                }
            }
            try modelOptions.check(sizes)
            let taskConfiguration = modelOptions.taskConfiguration(sizes)
            let task = try taskConfiguration.makeTask(seed: modelOptions.seed, asTokens: modelOptions.model == .transformer)
            let model = try modelOptions.modelConfiguration(for: task, sizes)
            let count = try model.layout.count
            guard spectrumOptions.spectrum || count <= Self.maximumParameters else {
                throw ModelConfigurationError.unsupported(
                    "the model has \(count) parameters; the full Hessian is limited to \(Self.maximumParameters) (use smaller --dim, --hidden, --modulus or --layers, or --spectrum, which needs no full Hessian)")
            }
            let kind = try TrainOptimizerOptions.kind(named: optimizerOptions.optimizer)
            trainer = try Trainer(configuration: TrainingConfiguration(
                model: model, task: taskConfiguration, optimizer: optimizerOptions.configuration(for: kind),
                batchSize: modelOptions.batch ?? 64, seed: modelOptions.seed))
        } catch {
            throw fail("\(error)")
        }
        if spectrumOptions.spectrum {
            try runSpectrum(trainer)
        } else {
            try runFull(trainer)
        }
    }

    /// The curvature at the trainer's current weights.
    private func curvature(_ trainer: Trainer, examples: Int) throws -> NetworkCurvature {
        do {
            return try NetworkCurvature(trainer: trainer, maximumExamples: examples)
        } catch {
            throw fail("\(error)")
        }
    }

    private func runFull(_ trainer: Trainer) throws {
        let draws = self.draws ?? Self.defaultDraws
        let blocks: [Int]
        do {
            blocks = try trainer.network.defaultPartition.blockMap(for: trainer.network.layout).blockSizes
        } catch {
            throw fail("\(error)")
        }
        func analyse() throws -> HessianReport.Measurement {
            let curvature = try curvature(trainer, examples: examples ?? Self.fullExamples)
            let hessian = curvature.hessian()
            return HessianReport.Measurement(
                step: trainer.completedSteps, loss: curvature.loss, examples: curvature.examples, hessian: hessian,
                share: HessianAnalysis.shareInBlocks(hessian, sizes: blocks),
                randomShare: HessianAnalysis.shareInRandomBlocks(hessian, sizes: blocks, draws: draws, seed: modelOptions.seed))
        }
        let initial = try analyse()
        var trained: HessianReport.Measurement?
        if steps > 0 {
            for _ in 0..<steps { trainer.step() }
            trained = try analyse()
        }
        let report = HessianReport(trainer: trainer, blocks: blocks, examples: initial.examples, draws: draws,
                                   initial: initial, trained: trained)
        if let output {
            do {
                try report.writeCSV((trained ?? initial).hessian, to: output, overwrite: force)
            } catch {
                throw fail("--output: \(ForceHint.message(error))")
            }
        }
        report.print(format: format == .json ? .json : .text)
    }

    private func runSpectrum(_ trainer: Trainer) throws {
        let settings = spectrumOptions.settings(seed: modelOptions.seed)
        let blocking = spectrumOptions.blocks ?? .tensor
        func measure(_ title: String) throws -> HessianSpectrumReport.Measurement {
            let curvature = try curvature(trainer, examples: examples ?? Self.spectrumExamples)
            let line = SpectrumProgressLine(label: "spectra \(title)")
            let result: BlockHeterogeneity?
            do {
                result = try curvature.blockSpectra(blocking, settings: settings) { line.update($0) }
            } catch {
                throw fail("\(error)")
            }
            line.finish()
            guard let result else { throw fail("the spectrum estimate stopped before it finished") }
            return HessianSpectrumReport.Measurement(step: trainer.completedSteps, loss: curvature.loss, heterogeneity: result)
        }
        guard trainer.parameters.allSatisfy(\.isFinite) else { throw fail("the initial weights are not finite") }
        let initial = try measure("at initialisation")
        var trained: HessianSpectrumReport.Measurement?
        if steps > 0 {
            for _ in 0..<steps { trainer.step() }
            guard trainer.parameters.allSatisfy(\.isFinite) else {
                throw fail("training diverged within \(steps) steps (weights not finite); try a smaller --lr")
            }
            trained = try measure("after \(steps) steps")
        }
        HessianSpectrumReport(
            model: trainer.configuration.model.name, task: trainer.task.summary, parameters: trainer.parameterCount,
            examples: min(trainer.task.count(.training), examples ?? Self.spectrumExamples), blocking: blocking, settings: settings,
            optimizer: trainer.configuration.optimizer.kind.rawValue, initial: initial, trained: trained
        ).print(format: format)
    }
}
