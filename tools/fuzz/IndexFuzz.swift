// libFuzzer: -max_len=16384
import Foundation
import OptimizerCore
import Scenarios

/// A model folder of this process's own, rewritten for every input.
private let folder: String = {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("descent-fuzz-index-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}()
private func inside(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
private let indexPath = inside("model.safetensors.index.json")
private let shardNames = ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"]
/// Zero bytes after each shard's header: room for the seeds' tensors.
private let shardDataBytes = 256

/// libFuzzer entry point: the input is up to four NUL-separated parts (no JSON holds a raw NUL):
/// the index, the headers of shards model-00001-of-00002 and model-00002-of-00002 (written as
/// safetensors files with data after them) and a config.json beside them; absent parts are absent
/// files. Reading the index ends in the tensors of the shards it names, each once, or in an error
/// naming a file of the folder.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIndex(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let parts = UnsafeBufferPointer(start: data, count: size).split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false)
    let files = [indexPath] + shardNames.map(inside) + [inside("config.json")]
    for (index, file) in files.enumerated() {
        try? FileManager.default.removeItem(atPath: file)
        guard index < parts.count else { continue }
        var bytes = Data(parts[index])
        if (1...2).contains(index) {
            var length = UInt64(bytes.count).littleEndian
            bytes = Data(bytes: &length, count: 8) + bytes + Data(count: shardDataBytes)
        }
        guard (try? bytes.write(to: URL(fileURLWithPath: file))) != nil else { return 0 }
    }
    let checkpoint: ModelCheckpoint
    do {
        checkpoint = try ModelCheckpoint.load(path: indexPath)
    } catch {
        precondition(error.file.hasPrefix(folder) && !error.message.isEmpty, "error without a file of the folder or a message: \(error)")
        return 0
    }
    let tensors = checkpoint.inventory.tensors
    switch checkpoint.origin {
    case .shardIndex(let file, let shards):
        precondition(file == indexPath && (1...shardNames.count).contains(shards), "\(shards) shards read from \(file)")
        precondition(!tensors.isEmpty && tensors.count <= ModelInventory.maximumTensors, "\(tensors.count) tensors")
        precondition(Set(tensors.map(\.name)).count == tensors.count, "a tensor read twice")
        precondition(tensors.allSatisfy { $0.dtype != nil && $0.count * 8 <= shardDataBytes }, "a tensor beyond its shard's data")
    case .config:
        break  // not an index (no weight_map): read as a config.json, which the config fuzzer covers
    default:
        preconditionFailure("an index read as \(checkpoint.origin)")
    }
    // The config beside the shards gives `descent partition` its head counts, which it divides by.
    if let attention = checkpoint.config?.attention {
        precondition(attention.heads != 0 && attention.kvHeads != 0, "a head count of 0: \(attention)")
    }
    if let attention = checkpoint.config?.attention, let dim = attention.dim, let heads = attention.heads,
       let kv = attention.kvHeads, dim * dim % heads == 0, heads % kv == 0,
       let report = try? PartitionReport(inventory: checkpoint.inventory, rules: AdamMiniNameRules(dim: dim, heads: heads, kvHeads: kv)) {
        precondition(report.adamMiniState <= report.adamWState, "Adam-mini keeps more than AdamW")
    }
    return 0
}
