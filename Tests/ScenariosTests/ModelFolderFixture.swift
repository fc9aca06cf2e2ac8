import Foundation
import Scenarios

/// Builds model folders in a temporary directory: config files, header-only safetensors shards
/// whose data sections are holes (sparse files), and shard indexes.
struct ModelFolderFixture {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("model-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    /// A path inside the fixture, its folders created.
    func path(_ relative: String) throws -> String {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        return url.path
    }

    /// Writes text (a config or an index).
    @discardableResult
    func write(_ text: String, to relative: String) throws -> String {
        let file = try path(relative)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Writes a JSON object.
    @discardableResult
    func writeJSON(_ object: Any, to relative: String) throws -> String {
        let file = try path(relative)
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// A safetensors file holding `tensors` back to back: the header is written, the data
    /// section is only a size (a hole), so a 70B model's shards take no disk space.
    @discardableResult
    func writeShard(_ tensors: [ModelInventory.Tensor], to relative: String) throws -> String {
        var entries: [String] = []
        var offset = 0
        for tensor in tensors {
            let dtype = tensor.dtype ?? "BF16"
            let bytes = tensor.count * (SafetensorsHeader.dtypeSizes[dtype] ?? 2)
            entries.append("\"\(tensor.name)\":{\"dtype\":\"\(dtype)\",\"shape\":[\(tensor.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + bytes)]}")
            offset += bytes
        }
        let header = Data(("{\"__metadata__\":{\"format\":\"pt\"}," + entries.joined(separator: ",") + "}").utf8)
        var data = Data()
        var length = UInt64(header.count).littleEndian
        withUnsafeBytes(of: &length) { data.append(contentsOf: $0) }
        data.append(header)
        let file = try path(relative)
        try data.write(to: URL(fileURLWithPath: file))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        try handle.truncate(atOffset: UInt64(data.count + offset))
        try handle.close()
        return file
    }

    /// Splits `tensors` into `count` shards named as save_pretrained names them, writes them and
    /// `model.safetensors.index.json` in `folder`; returns the index path.
    @discardableResult
    func writeSharded(_ tensors: [ModelInventory.Tensor], shards count: Int, in folder: String) throws -> String {
        var weightMap: [String: String] = [:]
        for shard in 0..<count {
            let name = String(format: "model-%05d-of-%05d.safetensors", shard + 1, count)
            let slice = Array(tensors[(shard * tensors.count / count)..<((shard + 1) * tensors.count / count)])
            try writeShard(slice, to: folder + "/" + name)
            for tensor in slice { weightMap[tensor.name] = name }
        }
        let total = tensors.reduce(0) { $0 + $1.count * 2 }
        return try writeJSON(["metadata": ["total_size": total], "weight_map": weightMap], to: folder + "/model.safetensors.index.json")
    }
}
