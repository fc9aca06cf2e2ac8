import Foundation

/// A model as `descent partition` finds it: its tensors, the `config.json` that describes it
/// when there is one, and where the tensors came from.
public struct ModelCheckpoint: Sendable {
    /// Where the tensor list came from.
    public enum Origin: Sendable, Equatable {
        /// One `.safetensors` file's header.
        case safetensors(String)
        /// A shard index and the headers of its shards.
        case shardIndex(String, shards: Int)
        /// Written out from a config alone, as transformers names the class's tensors.
        case config(String, ModelArchitecture)
        /// A names file.
        case namesFile(String)
    }

    /// The tensors.
    public var inventory: ModelInventory
    /// The config that describes the model, when one was given or found beside the checkpoint.
    public var config: ModelConfig?
    /// Where the tensors came from.
    public var origin: Origin

    /// Reads a model folder, a `config.json`, a shard index, a `.safetensors` file or a names file.
    public static func load(path: String) throws(ModelInventoryError) -> ModelCheckpoint {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            try ModelFileKind.requireRegularFile(path)  // says why: no such file, permission, ...
            throw ModelInventoryError(file: path, message: "no such file")
        }
        if isDirectory.boolValue { return try loadFolder(path) }
        if path.hasSuffix(".json") {
            let object = try ModelJSONFile.object(at: path)
            if ShardIndex.isIndex(object) {
                let (inventory, shards) = try ShardIndex.read(object: object, path: path)
                return ModelCheckpoint(inventory: inventory, config: try configBeside(path), origin: .shardIndex(path, shards: shards))
            }
            return try synthesise(ModelConfig(object: object, file: path))
        }
        let inventory = try ModelInventory.load(path: path)
        guard inventory.tensors.first?.dtype != nil else {
            return ModelCheckpoint(inventory: inventory, config: nil, origin: .namesFile(path))
        }
        return ModelCheckpoint(inventory: inventory, config: try configBeside(path), origin: .safetensors(path))
    }

    /// A Hugging Face model folder: its index, else its one safetensors file, else its config.
    private static func loadFolder(_ folder: String) throws(ModelInventoryError) -> ModelCheckpoint {
        func inside(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        let indexes = entries.filter { $0.hasSuffix(".safetensors.index.json") }
        let files = entries.filter { $0.hasSuffix(".safetensors") }
        let configPath = inside("config.json")
        let config = FileManager.default.fileExists(atPath: configPath) ? try ModelConfig.load(path: configPath) : nil
        if let index = indexes.contains("model.safetensors.index.json") ? "model.safetensors.index.json" : indexes.first {
            guard indexes.count == 1 || index == "model.safetensors.index.json" else {
                throw ModelInventoryError(file: folder, message: "holds several shard indexes (\(indexes.joined(separator: ", "))); give the one to read")
            }
            let (inventory, shards) = try ShardIndex.read(path: inside(index))
            return ModelCheckpoint(inventory: inventory, config: config, origin: .shardIndex(inside(index), shards: shards))
        }
        if let file = files.contains("model.safetensors") ? "model.safetensors" : files.first {
            guard files.count == 1 || file == "model.safetensors" else {
                throw ModelInventoryError(file: folder, message: "holds \(files.count) .safetensors files (\(files.prefix(4).joined(separator: ", "))\(files.count > 4 ? ", ..." : "")) and no index; give the file to read")
            }
            let inventory = try ModelInventory.loadSafetensors(path: inside(file))
            return ModelCheckpoint(inventory: inventory, config: config, origin: .safetensors(inside(file)))
        }
        guard let config else {
            throw ModelInventoryError(file: folder, message: "holds no config.json, no .safetensors file and no model.safetensors.index.json")
        }
        return try synthesise(config)
    }

    /// The `config.json` in the same folder as a checkpoint file, if there is one.
    private static func configBeside(_ path: String) throws(ModelInventoryError) -> ModelConfig? {
        let folder = (path as NSString).deletingLastPathComponent
        let configPath = folder.isEmpty ? "config.json" : (folder as NSString).appendingPathComponent("config.json")
        guard FileManager.default.fileExists(atPath: configPath) else { return nil }
        return try ModelConfig.load(path: configPath)
    }

    /// The tensors transformers would write for the config's class.
    private static func synthesise(_ config: ModelConfig) throws(ModelInventoryError) -> ModelCheckpoint {
        guard let architecture = ModelArchitecture(config: config) else {
            let listed = config.architectures.isEmpty ? "lists no architectures" : "lists architectures \(config.architectures.joined(separator: ", "))"
            throw ModelInventoryError(file: config.file, message: "\(listed); descent writes out the tensors of \(ModelArchitecture.supportedNames) from a config alone; for other models give the checkpoint's .safetensors file, its index or its folder")
        }
        return ModelCheckpoint(inventory: try architecture.tensors(config: config), config: config, origin: .config(config.file, architecture))
    }
}
