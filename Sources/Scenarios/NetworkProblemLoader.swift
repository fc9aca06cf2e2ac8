import Foundation
import Networks
import OptimizerCore

/// Reads a `[problem]` table with `type = "mlp"` or `type = "transformer"`.
enum NetworkProblemLoader {
    /// Keys a network problem understands (besides `type`).
    static let keys = ["task", "modulus", "train_fraction", "points", "classes", "text", "context", "dim", "layers",
                       "heads", "kv_heads", "hidden", "activation", "batch", "clip", "eval_every"]
    /// Largest network a scenario may train live (the TUI keeps several copies of its state).
    static let maximumParameters = 2_000_000
    /// The gradient-norm bound when the file gives none (as `descent train`).
    static let defaultClip = 5.0

    static func read(_ reader: inout TableReader, type: String, seed: UInt64) throws(ScenarioError) -> NetworkProblem {
        let isTransformer = type == "transformer"
        let tasks = isTransformer ? ["modadd", "text"] : ["spirals", "blobs", "modadd"]
        let taskName = try reader.string("task") ?? tasks[0]
        guard tasks.contains(taskName) else {
            throw reader.error("task", "task = \"\(taskName)\" is not valid for type = \"\(type)\"\(NearestName.hint(taskName, in: tasks)); task must be one of \(tasks.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        let task = try readTask(&reader, name: taskName)
        let built: any TrainingTask
        do throws(TaskError) {
            built = try task.makeTask(seed: seed, asTokens: isTransformer)
        } catch {
            if case .invalid(let field, let value, let reason) = error {
                throw reader.error(field.scenarioKey, invalidMessage(field, value: value, reason: reason))
            }
            throw reader.error(taskName == "text" ? "text" : "task", error.message(naming: \.scenarioKey))
        }
        let model = try isTransformer ? readTransformer(&reader, task: built) : readMLP(&reader, task: built)
        do throws(ModelConfigurationError) {
            try model.validate()
        } catch {
            throw modelError(error, reader)
        }
        // Counted before anything is built: a mistyped size must not allocate first.
        let count = model.parameterCount
        guard count <= maximumParameters else {
            throw reader.error(nil, "the network would have \(count == .max ? "more than 2^63" : "\(count)") parameters; scenarios train at most \(maximumParameters) live (use a smaller dim, hidden or layers)")
        }
        let network: any NeuralNetwork<Float>
        do throws(ModelConfigurationError) {
            network = try model.makeNetwork(Float.self, maximumBatch: 1)
        } catch {
            throw reader.error(nil, error.message(naming: \.scenarioKey))
        }
        let defaultBatch = taskName == "modadd" ? 256 : taskName == "text" ? 32 : 64
        let batch = try reader.integer("batch", 1...65_536) ?? defaultBatch
        // The bound `descent train` uses by default, so a scenario trains as the command does.
        let clipValue = try reader.number("clip", 0...1e12, describe: "a number >= 0 (global gradient-norm bound; 0 turns clipping off)") ?? defaultClip
        let clip = clipValue > 0 ? clipValue : nil
        let evaluationInterval = try reader.integer("eval_every", 1...1_000_000) ?? 25
        try checkKeysOfOtherKinds(reader, type: type, task: taskName)
        return NetworkProblem(model: model, task: task, batchSize: batch, clip: clip, evaluationInterval: evaluationInterval,
                              layout: network.layout, taskSummary: built.summary, chanceAccuracy: built.chanceAccuracy,
                              defaultPartition: network.defaultPartition)
    }

    private static func readTask(_ reader: inout TableReader, name: String) throws(ScenarioError) -> TaskConfiguration {
        switch name {
        case "modadd":
            let modulus = try reader.integer("modulus", 2...1_000) ?? 23
            let fraction = try reader.number("train_fraction", 0.01...0.99, describe: "a share between 0.01 and 0.99") ?? 0.5
            return .modularAddition(modulus: modulus, trainFraction: fraction)
        case "spirals":
            return .spirals(points: try reader.integer("points", 10...1_000_000) ?? 400, noise: 0.02)
        case "blobs":
            let classes = try reader.integer("classes", 2...1_000) ?? 4
            return .blobs(classes: classes, points: try reader.integer("points", 4...1_000_000) ?? 400, spread: 0.35)
        default:
            guard let path = try reader.string("text") else {
                throw reader.error(nil, "task = \"text\" needs text = \"FILE\", a UTF-8 text file (relative to the scenario file)")
            }
            let context = try reader.integer("context", 2...4_096) ?? 32
            return .text(path: resolve(path, relativeTo: reader.context.file), context: context)
        }
    }

    /// A relative path names a file next to the scenario, wherever descent is run from.
    private static func resolve(_ path: String, relativeTo file: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        return folder.appendingPathComponent(path).path
    }

    private static func readTransformer(_ reader: inout TableReader, task: any TrainingTask) throws(ScenarioError) -> ModelConfiguration {
        guard case let .tokens(vocabulary, context) = task.input else {
            throw reader.error("task", "this task gives points, not tokens; the transformer trains on modadd or text")
        }
        let dim = try reader.integer("dim", 2...4_096) ?? 16
        let layers = try reader.integer("layers", 1...64) ?? 1
        let heads = try reader.integer("heads", 1...256) ?? 2
        let kvHeads = try reader.integer("kv_heads", 1...256) ?? heads
        let hidden = try reader.integer("hidden", 1...65_536) ?? 4 * dim
        return .transformer(TransformerConfiguration(vocabulary: vocabulary, context: context, dim: dim, layers: layers,
                                                     heads: heads, kvHeads: kvHeads, hidden: hidden))
    }

    private static func readMLP(_ reader: inout TableReader, task: any TrainingTask) throws(ScenarioError) -> ModelConfiguration {
        guard case .features(let inputs) = task.input else {
            throw reader.error("task", "this task gives tokens; the MLP trains on spirals, blobs or modadd")
        }
        var hidden = [16, 16]
        if let value = reader.raw("hidden") {
            guard case .array(let items) = value else {
                throw reader.typeError("hidden", value, expected: "a list of 1 to 16 layer widths, e.g. [16, 16]")
            }
            guard (1...16).contains(items.count) else {
                throw reader.error("hidden", "hidden = \(TableReader.abbreviate(value)) has \(items.count) widths; give 1 to 16, e.g. [16, 16]")
            }
            hidden = []
            for item in items {
                guard case .integer(let width) = item, (1...65_536).contains(width) else {
                    throw reader.error("hidden", "hidden = \(TableReader.abbreviate(value)) contains \(item.tomlText); widths must be whole numbers from 1 to 65536")
                }
                hidden.append(width)
            }
        }
        let activationName = try reader.string("activation") ?? "tanh"
        guard let activation = Activation(rawValue: activationName) else {
            let names = Activation.allCases.map(\.rawValue)
            throw reader.error("activation", "activation = \"\(activationName)\" is not valid\(NearestName.hint(activationName, in: names)); activation must be one of \(names.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        return .mlp(MLPConfiguration(inputs: inputs, hidden: hidden, classes: task.classes, activation: activation))
    }

    /// Where each key applies, so a key given for another model or task is named as such
    /// instead of as unknown.
    private static let keyScopes: [String: (description: String, applies: @Sendable (_ type: String, _ task: String) -> Bool)] = [
        "modulus": ("task = \"modadd\"", { $1 == "modadd" }),
        "train_fraction": ("task = \"modadd\"", { $1 == "modadd" }),
        "points": ("task = \"spirals\" or \"blobs\"", { $1 == "spirals" || $1 == "blobs" }),
        "classes": ("task = \"blobs\"", { $1 == "blobs" }),
        "text": ("task = \"text\"", { $1 == "text" }),
        "context": ("task = \"text\" (modadd sequences are always 3 tokens)", { $1 == "text" }),
        "dim": ("type = \"transformer\"", { t, _ in t == "transformer" }),
        "layers": ("type = \"transformer\" (an MLP's depth is the length of hidden)", { t, _ in t == "transformer" }),
        "heads": ("type = \"transformer\"", { t, _ in t == "transformer" }),
        "kv_heads": ("type = \"transformer\"", { t, _ in t == "transformer" }),
        "activation": ("type = \"mlp\" (the transformer's MLP is SwiGLU)", { t, _ in t == "mlp" }),
    ]

    private static func checkKeysOfOtherKinds(_ reader: TableReader, type: String, task: String) throws(ScenarioError) {
        for (key, _) in reader.entries {
            guard let scope = keyScopes[key], !scope.applies(type, task) else { continue }
            throw reader.error(key, "\(key) applies only to \(scope.description); this problem is type = \"\(type)\", task = \"\(task)\"")
        }
    }

    /// `key = value is not valid; key must ...`, pointing at the key's line.
    private static func invalidMessage(_ field: NetworkField, value: String, reason: FieldMessage) -> String {
        let key = field.scenarioKey
        return "\(key) = \(value) is not valid; \(key) \(reason.worded(\.scenarioKey))"
    }

    /// A model error in this file's key names, at the key it is about (the table when it is about none).
    private static func modelError(_ error: ModelConfigurationError, _ reader: TableReader) -> ScenarioError {
        switch error {
        case let .invalid(field, value, reason): reader.error(field.scenarioKey, invalidMessage(field, value: value, reason: reason))
        case .unsupported: reader.error(nil, error.message(naming: \.scenarioKey))
        }
    }
}
