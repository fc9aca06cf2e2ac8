import Foundation
import Scenarios

/// A temporary model folder for the config and shard-index tests: JSON files and safetensors
/// shards written from a header, each with its data section.
struct ModelFiles {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("hardening-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The path of `name` inside the folder.
    func path(_ name: String) -> String {
        folder.appendingPathComponent(name).path
    }

    /// Writes raw bytes as `name`.
    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        try Data(bytes).write(to: URL(fileURLWithPath: path(name)))
        return path(name)
    }

    /// Writes a safetensors file: 8-byte little-endian length, the header, `dataBytes` zero bytes.
    @discardableResult
    func writeShard(header: [UInt8], dataBytes: Int, to name: String) throws -> String {
        var length = UInt64(header.count).littleEndian
        var bytes = Data(bytes: &length, count: 8)
        bytes.append(contentsOf: header)
        bytes.append(Data(count: dataBytes))
        try bytes.write(to: URL(fileURLWithPath: path(name)))
        return path(name)
    }

    /// Removes `name` if it is there.
    func delete(_ name: String) {
        try? FileManager.default.removeItem(atPath: path(name))
    }
}

/// What every successful read of a model must keep: tensors with unique names, no negative
/// dimension, within the tensor and element limits. Returns the broken promise, or nil.
func brokenInventoryPromise(_ inventory: ModelInventory) -> String? {
    let tensors = inventory.tensors
    if tensors.isEmpty { return "no tensors" }
    if tensors.count > ModelInventory.maximumTensors { return "\(tensors.count) tensors" }
    if Set(tensors.map(\.name)).count != tensors.count { return "duplicate names" }
    if let bad = tensors.first(where: { $0.shape.contains { $0 < 0 } }) { return "negative dimension in \(bad)" }
    if tensors.reduce(0, { $0 + $1.count }) > NamesFile.maximumElements { return "more than 2^48 elements" }
    return nil
}
