import ArgumentParser
import Foundation
import Networks
import Objectives
import OptimizerCore
import Rendering

/// `descent hessian`: the full Hessian of a tiny network's training loss, with Adam-mini's
/// official partition outlined and the share of the Hessian it captures.
struct HessianCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hessian",
        abstract: "Form the full Hessian of a tiny network's loss and measure how block-diagonal it is in Adam-mini's blocks.",
        discussion: """
        The Hessian is taken in double precision by central differences of exact (backpropagated) \
        gradients and symmetrised, on the training loss over the first \(HessianCommand.maximumExamples) \
        training examples, at initialisation and, with --steps N, after N steps of training. The share \
        is the part of its squared Frobenius norm inside Adam-mini's blocks (each block covers the square \
        of its coordinates), next to the same share for blocks of the same sizes over randomly drawn \
        coordinates (a seeded random permutation cut into the same sizes), averaged over --draws draws.
        """
    )

    /// Training examples the loss is averaged over.
    static let maximumExamples = 512
    /// A bound that keeps the O(n^2) memory and 2n gradient evaluations to seconds.
    static let maximumParameters = 4000

    @OptionGroup var modelOptions: TrainModelOptions
    @OptionGroup var optimizerOptions: TrainOptimizerOptions

    @Option(parsing: .unconditional, help: "Also take the Hessian after this many training steps.")
    var steps: Int = 0

    @Option(parsing: .unconditional, help: "Random partitions averaged for the baseline share.")
    var draws: Int = 20

    @Option(name: .shortAndLong, help: "Write the (final) Hessian to this CSV file, one matrix row per line.")
    var output: String?

    @Flag(help: "Allow --output to replace an existing file.")
    var force = false

    @Option(help: "Output: text or json.")
    var format: TrainCommand.Format = .text

    func validate() throws {
        if steps < 0 { throw ValidationError("--steps \(steps): give 0 or more") }
        if draws < 1 { throw ValidationError("--draws \(draws): give 1 or more") }
    }

    func run() throws {
        let trainer: Trainer
        do {
            if let output {
                do { try AtomicFile.checkDestination(output, overwrite: force) } catch {
                    throw TrainFlagError(message: "--output: \(error)")
                }
            }
            try modelOptions.check()
            let taskConfiguration = modelOptions.taskConfiguration(.small)
            let task = try taskConfiguration.makeTask(seed: modelOptions.seed, asTokens: modelOptions.model == .transformer)
            let model = try modelOptions.modelConfiguration(for: task, .small)
            let count = try model.layout.count
            guard count <= Self.maximumParameters else {
                throw ModelConfigurationError.unsupported(
                    "the model has \(count) parameters; the full Hessian is limited to \(Self.maximumParameters) (use smaller --dim, --hidden, --modulus or --layers)")
            }
            let kind = try TrainOptimizerOptions.kind(named: optimizerOptions.optimizer)
            trainer = try Trainer(configuration: TrainingConfiguration(
                model: model, task: taskConfiguration, optimizer: optimizerOptions.configuration(for: kind),
                batchSize: modelOptions.batch ?? 64, seed: modelOptions.seed))
        } catch {
            throw fail("\(error)")
        }
        let blocks: [Int]
        do {
            blocks = try trainer.network.defaultPartition.blockMap(for: trainer.network.layout).blockSizes
        } catch {
            throw fail("\(error)")
        }
        let examples = min(trainer.task.count(.training), Self.maximumExamples)
        let batch = trainer.task.batch(.training, 0..<examples)
        let network: any NeuralNetwork<Double>
        do {
            network = try trainer.configuration.model.makeNetwork(Double.self, maximumBatch: examples)
        } catch {
            throw fail("\(error)")
        }
        func analyse() -> HessianReport.Measurement {
            let parameters = trainer.parameters.map(Double.init)
            let hessian = HessianAnalysis.hessian(network: network, parameters: parameters, batch: batch)
            return HessianReport.Measurement(
                step: trainer.completedSteps, loss: network.loss(parameters: parameters, batch: batch).meanLoss, hessian: hessian,
                share: HessianAnalysis.shareInBlocks(hessian, sizes: blocks),
                randomShare: HessianAnalysis.shareInRandomBlocks(hessian, sizes: blocks, draws: draws, seed: modelOptions.seed))
        }
        let initial = analyse()
        var trained: HessianReport.Measurement?
        if steps > 0 {
            for _ in 0..<steps { trainer.step() }
            trained = analyse()
        }
        let report = HessianReport(trainer: trainer, blocks: blocks, examples: examples, draws: draws,
                                   initial: initial, trained: trained)
        if let output {
            do {
                try report.writeCSV((trained ?? initial).hessian, to: output, overwrite: force)
            } catch {
                throw fail("--output: \(error)")
            }
        }
        report.print(format: format)
    }
}
