import ArgumentParser
import Networks

/// The model, task and size flags shared by `descent train` and `descent hessian`.
struct TrainModelOptions: ParsableArguments {
    enum ModelName: String, ExpressibleByArgument, CaseIterable {
        case mlp, transformer
    }

    enum TaskName: String, ExpressibleByArgument, CaseIterable {
        case modadd, spirals, blobs, text
    }

    @Option(help: "Network: mlp or transformer.")
    var model: ModelName = .transformer

    @Option(name: .customLong("task"), help: "Dataset: modadd, spirals, blobs (MLP only) or text (transformer only; needs --text). Default: modadd for the transformer, spirals for the MLP.")
    var taskFlag: TaskName?

    /// The chosen task, defaulting by model.
    var task: TaskName { taskFlag ?? (model == .transformer ? .modadd : .spirals) }

    @Option(help: "Text file for --task text (UTF-8; the first 90% trains, the rest validates).")
    var text: String?

    @Option(parsing: .unconditional, help: "Transformer blocks (default 1).")
    var layers: Int?

    @Option(parsing: .unconditional, help: "Transformer width (default 64; 8 for hessian without --spectrum).")
    var dim: Int?

    @Option(parsing: .unconditional, help: "Attention heads (default 4; 2 for hessian without --spectrum).")
    var heads: Int?

    @Option(name: .customLong("kv-heads"), parsing: .unconditional, help: "Key/value heads for grouped-query attention (default: --heads).")
    var kvHeads: Int?

    @Option(help: "Transformer: SwiGLU width (default 4 x dim). MLP: hidden widths, comma-separated (default 64,64; 8,8 for hessian without --spectrum).")
    var hidden: String?

    @Option(parsing: .unconditional, help: "Transformer context for --task text (default 64; 8 for hessian without --spectrum; modadd sequences are always 3 tokens).")
    var context: Int?

    @Option(parsing: .unconditional, help: "Examples per step (default: 256 for modadd, 32 for text, 64 for spirals and blobs).")
    var batch: Int?

    @Option(help: "MLP nonlinearity: tanh, relu or gelu.")
    var activation: Activation = .tanh

    @Option(parsing: .unconditional, help: "Modulus p of modular addition (default 97; 7 for hessian without --spectrum).")
    var modulus: Int?

    @Option(name: .customLong("train-fraction"), parsing: .unconditional, help: "Share of the p^2 modadd pairs used for training.")
    var trainFraction: Double = 0.5

    @Option(parsing: .unconditional, help: "Points of the spirals or blobs dataset (default 1000; 200 for hessian without --spectrum).")
    var points: Int?

    @Option(parsing: .unconditional, help: "Number of Gaussian blobs.")
    var classes: Int = 4

    @Option(help: "Seed of the dataset, the initial weights and the batch order.")
    var seed: UInt64 = 0

    /// The default batch size of the chosen task.
    var batchSize: Int {
        batch ?? (task == .modadd ? 256 : task == .text ? 32 : 64)
    }

    /// Sizes of `descent train` (and `descent hessian --spectrum`) or, `small`, of `descent hessian` (a few hundred parameters, so
    /// the full Hessian is quick to form and small enough to draw).
    struct Defaults {
        let modulus: Int, dim: Int, heads: Int, hidden: [Int], points: Int, context: Int

        static let training = Defaults(modulus: 97, dim: 64, heads: 4, hidden: [64, 64], points: 1000, context: 64)
        static let small = Defaults(modulus: 7, dim: 8, heads: 2, hidden: [8, 8], points: 200, context: 8)
    }

    /// Checks flags that need no file access, the dataset's settings with `defaults` among them.
    func check(_ defaults: Defaults = .training) throws(TrainFlagError) {
        // Activations are allocated for the whole batch up front.
        if let batch, !(1...65_536).contains(batch) { throw TrainFlagError(message: "--batch \(batch): must be from 1 to 65536") }
        switch (model, task) {
        case (.transformer, .spirals), (.transformer, .blobs):
            throw TrainFlagError(message: "--task \(task.rawValue) is a 2-D point cloud for --model mlp; the transformer trains on modadd or text")
        case (.mlp, .text):
            throw TrainFlagError(message: "--task text needs --model transformer (the MLP has no sequence input)")
        default:
            break
        }
        if task == .text, text == nil {
            throw TrainFlagError(message: "--task text needs --text FILE")
        }
        if task == .modadd, let context, context != 3 {
            throw TrainFlagError(message: "--context \(context): modadd sequences are [a, b, =]: the context is always 3")
        }
        do throws(TaskError) {
            try taskConfiguration(defaults).validate()
        } catch {
            throw TrainFlagError(message: error.message(naming: \.flag))
        }
    }

    /// The task configuration these flags describe.
    func taskConfiguration(_ defaults: Defaults = .training) -> TaskConfiguration {
        switch task {
        case .modadd: .modularAddition(modulus: modulus ?? defaults.modulus, trainFraction: trainFraction)
        case .spirals: .spirals(points: points ?? defaults.points, noise: 0.02)
        case .blobs: .blobs(classes: classes, points: points ?? defaults.points, spread: 0.35)
        case .text: .text(path: text ?? "", context: context ?? defaults.context)
        }
    }

    /// The model configuration for `task`, whose input shape fixes the vocabulary or input width.
    func modelConfiguration(for task: any TrainingTask, _ defaults: Defaults = .training) throws(TrainFlagError) -> ModelConfiguration {
        do throws(ModelConfigurationError) {
            return try checkedModelConfiguration(for: task, defaults)
        } catch {
            throw TrainFlagError(message: error.message(naming: \.flag))
        }
    }

    private func checkedModelConfiguration(for task: any TrainingTask, _ defaults: Defaults) throws(ModelConfigurationError) -> ModelConfiguration {
        switch (model, task.input) {
        case let (.transformer, .tokens(vocabulary, context)):
            let hiddenWidth: Int?
            if let hidden {
                guard let value = Int(hidden) else {
                    throw .invalid(.hidden, value: hidden, reason: "the transformer takes one integer (the SwiGLU width)")
                }
                hiddenWidth = value
            } else {
                hiddenWidth = nil
            }
            let width = dim ?? defaults.dim
            let headCount = heads ?? defaults.heads
            let configuration = TransformerConfiguration(vocabulary: vocabulary, context: context, dim: width,
                                                         layers: layers ?? 1, heads: headCount, kvHeads: kvHeads ?? headCount,
                                                         hidden: hiddenWidth ?? 4 * width)
            try configuration.validate()
            return .transformer(configuration)
        case let (.mlp, .features(inputs)):
            let widths = try hidden.map { (text: String) throws(ModelConfigurationError) -> [Int] in
                let parts = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else {
                    throw .invalid(.hidden, value: text, reason: "give comma-separated widths, e.g. 64,64")
                }
                return parts.map { $0! }
            } ?? defaults.hidden
            let configuration = MLPConfiguration(inputs: inputs, hidden: widths, classes: task.classes, activation: activation)
            try configuration.validate()
            return .mlp(configuration)
        default:
            throw .unsupported("--model \(model.rawValue) cannot train on --task \(self.task.rawValue)")
        }
    }
}

extension Activation: ExpressibleByArgument {}
