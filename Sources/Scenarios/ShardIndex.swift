import Foundation

/// Reads a sharded checkpoint through its `model.safetensors.index.json`: the index maps each
/// tensor to a shard file in the same folder; every shard's header is read (headers only) and
/// checked against the index.
public enum ShardIndex {
    /// Most shard files an index may name.
    public static let maximumShards = 10_000

    /// Whether a parsed JSON object is a shard index rather than a config.
    static func isIndex(_ object: [String: Any]) -> Bool {
        object["weight_map"] != nil
    }

    /// The tensors of every shard the index at `path` names, in shard order, each shard in its
    /// storage order, and the number of shards.
    public static func read(path: String) throws(ModelInventoryError) -> (inventory: ModelInventory, shards: Int) {
        try read(object: ModelJSONFile.object(at: path), path: path)
    }

    static func read(object: [String: Any], path: String) throws(ModelInventoryError) -> (inventory: ModelInventory, shards: Int) {
        func fail(_ message: String) -> ModelInventoryError { ModelInventoryError(file: path, message: message) }
        guard let map = object["weight_map"] as? [String: Any] else {
            throw fail("key weight_map must be an object mapping tensor names to shard files")
        }
        guard !map.isEmpty else { throw fail("weight_map lists no tensors") }
        guard map.count <= ModelInventory.maximumTensors else {
            throw fail("weight_map lists \(map.count) tensors; at most \(ModelInventory.maximumTensors) are accepted")
        }
        var namesByShard: [String: [String]] = [:]
        for (name, value) in map {
            guard let shard = value as? String else { throw fail("weight_map entry \(name) is not a shard file name") }
            if namesByShard[shard] == nil {
                try checkShardName(shard, tensor: name, path: path)
                guard namesByShard.count < maximumShards else { throw fail("names more than \(maximumShards) shard files") }
            }
            namesByShard[shard, default: []].append(name)
        }
        let folder = (path as NSString).deletingLastPathComponent
        var tensors: [ModelInventory.Tensor] = []
        var shardOf: [String: String] = [:]
        for shard in namesByShard.keys.sorted() {
            let listed = namesByShard[shard]!.sorted()
            let shardPath = folder.isEmpty ? shard : (folder as NSString).appendingPathComponent(shard)
            guard FileManager.default.fileExists(atPath: shardPath) else {
                throw fail("shard \(shard) is missing: the index lists \(listed.count) tensor\(listed.count == 1 ? "" : "s") in it (e.g. \(listed[0])) but \(shardPath) does not exist")
            }
            let inventory = try ModelInventory.loadSafetensors(path: shardPath)
            let present = Set(inventory.tensors.map(\.name))
            if let absent = listed.first(where: { !present.contains($0) }) {
                throw fail("tensor \(absent) is listed in shard \(shard) but that shard's header does not hold it")
            }
            for tensor in inventory.tensors {
                if let other = shardOf.updateValue(shard, forKey: tensor.name) {
                    throw fail("tensor \(tensor.name) is stored in two shards, \(other) and \(shard)")
                }
                tensors.append(tensor)
            }
            guard tensors.count <= ModelInventory.maximumTensors else {
                throw fail("its shards hold more than \(ModelInventory.maximumTensors) tensors")
            }
        }
        return (ModelInventory(tensors: tensors), namesByShard.count)
    }

    /// A shard must be a relative path inside the index's folder: no absolute path, no `..`, no
    /// home or drive prefix, so a hostile index cannot make descent read elsewhere.
    static func checkShardName(_ shard: String, tensor: String, path: String) throws(ModelInventoryError) {
        func refuse(_ why: String) -> ModelInventoryError {
            ModelInventoryError(file: path, message: "refuses shard \"\(shard.prefix(200))\" (for tensor \(tensor)): \(why); a shard must be a file name in the index's folder, e.g. model-00001-of-00004.safetensors")
        }
        guard !shard.isEmpty else { throw refuse("the name is empty") }
        guard !shard.hasPrefix("/"), !shard.hasPrefix("\\"), !shard.hasPrefix("~") else { throw refuse("it is an absolute path") }
        guard !shard.contains("\0") else { throw refuse("it contains a NUL byte") }
        if shard.count >= 2, shard.dropFirst().first == ":" { throw refuse("it is an absolute path") }
        let parts = shard.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        guard !parts.contains(where: { $0 == ".." }) else { throw refuse("it leaves the folder with ..") }
    }
}
