import ArgumentParser
import Foundation
import Networks
import OptimizerCore

/// `descent train`: train a tiny network with any optimizer of the core.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train an MLP or a small Llama-style transformer with any optimizer of the core.",
        discussion: """
        With no flags: a 1-block transformer (dim 64, 4 heads, RoPE) learns a + b mod 97 from half of \
        the pairs with AdamW (lr 3e-3, weight decay 1, gradient norm clipped to 5) for 1500 steps; validation accuracy on the other \
        half is printed next to chance (1/97). --compare runs several optimizers from \
        the same initial weights on the same batches and ends with a table and a loss plot.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    enum ScheduleName: String, ExpressibleByArgument, CaseIterable {
        case constant, cosine
        case warmupCosine = "warmup-cosine"
    }

    @OptionGroup var modelOptions: TrainModelOptions
    @OptionGroup var optimizerOptions: TrainOptimizerOptions

    @Option(help: "Learning-rate schedule: constant, cosine or warmup-cosine (down to --min-lr at the last step).")
    var schedule: ScheduleName = .constant

    @Option(parsing: .unconditional, help: "Warm-up steps for warmup-cosine (linear from 0.1 x lr).")
    var warmup: Int = 100

    @Option(name: .customLong("min-lr"), parsing: .unconditional, help: "Final learning rate of the cosine schedules.")
    var minLR: Double = 0

    @Option(parsing: .unconditional, help: "Clip the global gradient norm to this value (default \(TrainCommand.defaultClip); 0 turns clipping off).")
    var clip: Double?

    /// The default gradient-norm bound. Without it Adam-mini at the default lr collapses from 100%
    /// towards chance on most seeds after the loss has gone to ~0.01: gradients grow in an
    /// oscillation while its one second moment per block (up to 1024 coordinates) lags behind,
    /// so single coordinates take steps of 10-25x lr (Adam's per-coordinate moment caps a sudden
    /// step near 3x lr) and the gradient norm jumps to ~50. Adam-mini's gradient norm stays below
    /// 1 in healthy training and AdamW's between 1 and 8: a bound of 5 stops the runaway and
    /// leaves AdamW's results unchanged, where 1 made AdamW's loss 15x worse and 10 let Adam-mini
    /// collapse on one seed in five.
    static let defaultClip = 5.0

    @Option(parsing: .unconditional, help: "Training steps (default 1500 for the transformer, 2000 for the MLP).")
    var steps: Int?

    @Option(name: .customLong("eval-every"), parsing: .unconditional, help: "Evaluate on the validation split every this many steps.")
    var evalEvery: Int = 100

    @Option(help: "Write a checkpoint here at the end (never overwrites without --force).")
    var save: String?

    @Flag(help: "Allow --save to replace an existing file.")
    var force = false

    @Option(help: "Continue the run saved in this checkpoint (its model, data and optimizer are used).")
    var resume: String?

    @Option(help: "Comma-separated optimizers to train from the same initial weights, e.g. adamw,adam-mini.")
    var compare: String?

    @Option(help: "Output: text or json (one object per optimizer at the end).")
    var format: Format = .text

    func validate() throws {
        if let steps, steps < 0 { throw ValidationError("--steps \(steps): give 0 or more") }
        if evalEvery < 1 { throw ValidationError("--eval-every \(evalEvery): give 1 or more") }
        if let clip, !(clip >= 0) || !clip.isFinite { throw ValidationError("--clip \(clip): give a positive norm, or 0 to turn clipping off") }
        if warmup < 0 { throw ValidationError("--warmup \(warmup): give 0 or more") }
        if minLR < 0 { throw ValidationError("--min-lr \(minLR): give 0 or more") }
        if resume != nil, compare != nil { throw ValidationError("--resume continues one run; it cannot be combined with --compare") }
    }

    func run() throws {
        let runs: [Trainer]
        let totalSteps: Int
        do {
            // Training can take minutes: a --save that cannot be written fails now, not at the end.
            for path in savePaths {
                do { try AtomicFile.checkDestination(path, overwrite: force) } catch {
                    throw TrainFlagError(message: "--save: \(ForceHint.message(error))")
                }
            }
            if let resume {
                let ignored = flagsFixedByCheckpoint
                guard ignored.isEmpty else {
                    throw CheckpointError.conflict("--resume continues the run saved in '\(resume)' with its own model, data, optimizer and schedule; drop \(ignored.joined(separator: ", ")) (only --steps, --eval-every, --save, --force and --format apply)")
                }
                let checkpoint = try CheckpointFile.read(resume)
                let trainer = try Trainer(resuming: checkpoint)
                totalSteps = steps ?? defaultSteps(for: checkpoint.configuration.model)
                guard totalSteps >= trainer.completedSteps else {
                    throw CheckpointError.conflict("checkpoint '\(resume)' has already done \(trainer.completedSteps) steps; give --steps \(trainer.completedSteps) or more (the total, not the remainder)")
                }
                runs = [trainer]
            } else {
                try modelOptions.check()
                let taskConfiguration = modelOptions.taskConfiguration()
                let task = try taskConfiguration.makeTask(seed: modelOptions.seed, asTokens: modelOptions.model == .transformer)
                let model = try modelOptions.modelConfiguration(for: task)
                totalSteps = steps ?? defaultSteps(for: model)
                let names = compare.map { $0.split(separator: ",").map(String.init) } ?? [optimizerOptions.optimizer]
                guard !names.isEmpty else { throw TrainFlagError(message: "--compare needs at least one optimizer") }
                let kinds = try names.map { (name: String) throws(TrainFlagError) in try TrainOptimizerOptions.kind(named: name) }
                runs = try kinds.map { kind in
                    let optimizer = try optimizerOptions.configuration(for: kind, strict: kinds.count == 1,
                                                                       decoupledDecay: modelOptions.task == .modadd ? 1 : nil)
                    return try Trainer(configuration: TrainingConfiguration(
                        model: model, task: taskConfiguration, optimizer: optimizer,
                        schedule: learningRateSchedule(total: totalSteps), clip: clipNorm,
                        batchSize: modelOptions.batchSize, seed: modelOptions.seed))
                }
            }
        } catch {
            throw fail(flagWorded(error))
        }
        var results: [TrainResult] = []
        for trainer in runs {
            results.append(TrainLoop(trainer: trainer, totalSteps: totalSteps, evalEvery: evalEvery, format: format).run())
        }
        for (trainer, path) in zip(runs, savePaths) {
            do {
                try CheckpointFile.write(trainer.checkpoint(), to: path, overwrite: force)
            } catch {
                throw fail(ForceHint.message(error))
            }
            if format == .text { print("saved checkpoint \(path) (\(trainer.configuration.optimizer.kind.rawValue), step \(trainer.completedSteps))") }
        }
        TrainSummary(results: results, format: format).print()
    }

    /// The gradient-norm bound of a new run: --clip, 0 meaning none, or the default.
    private var clipNorm: Double? {
        guard let clip else { return Self.defaultClip }
        return clip > 0 ? clip : nil
    }

    /// Flags given together with --resume that the checkpoint already decides.
    private var flagsFixedByCheckpoint: [String] {
        let m = modelOptions, o = optimizerOptions
        let given: [(String, Bool)] = [
            ("--task", m.taskFlag != nil), ("--text", m.text != nil), ("--layers", m.layers != nil), ("--dim", m.dim != nil),
            ("--heads", m.heads != nil), ("--kv-heads", m.kvHeads != nil), ("--hidden", m.hidden != nil),
            ("--context", m.context != nil), ("--batch", m.batch != nil), ("--modulus", m.modulus != nil),
            ("--points", m.points != nil), ("--lr", o.lr != nil), ("--betas", o.betas != nil), ("--eps", o.eps != nil),
            ("--momentum", o.momentum != nil), ("--weight-decay", o.weightDecay != nil), ("--set", !o.extra.isEmpty),
            ("--clip", clip != nil),
        ]
        return given.filter(\.1).map(\.0)
    }

    /// Where --save writes: the path itself, or with --compare one file per optimizer
    /// (`run.ckpt` becomes `run-adamw.ckpt`, `run-adam-mini.ckpt`).
    private var savePaths: [String] {
        guard let save else { return [] }
        guard let compare else { return [save] }
        let url = URL(fileURLWithPath: save)
        let stem = url.deletingPathExtension().path
        let suffix = url.pathExtension.isEmpty ? "" : "." + url.pathExtension
        return compare.split(separator: ",").map { stem + "-" + $0.trimmingCharacters(in: .whitespaces).lowercased() + suffix }
    }

    private func defaultSteps(for model: ModelConfiguration) -> Int {
        if case .mlp = model { return 2000 }
        return 1500
    }

    private func learningRateSchedule(total: Int) -> LearningRateSchedule {
        switch schedule {
        case .constant: .constant
        case .cosine: .cosine(period: total, minimum: minLR)
        case .warmupCosine: .warmupCosine(warmup: warmup, total: total, startFactor: LearningRateSchedule.defaultStartFactor, minimum: minLR)
        }
    }
}
