// libFuzzer: -max_len=16384
import Foundation
import OptimizerCore
import Scenarios

/// A folder of this process's own where each input is written as config.json, so the file
/// reading path (size and nesting limits, JSON errors) runs too.
private let folder: String = {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("descent-fuzz-config-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}()
private let configPath = (folder as NSString).appendingPathComponent("config.json")

/// libFuzzer entry point: any bytes, read as a config.json on its own, end in the tensors
/// transformers would write for the class (unique names, within the size limits) whose Adam-mini partition adds up, or in an error naming the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard (try? Data(bytes: data, count: size).write(to: URL(fileURLWithPath: configPath))) != nil else { return 0 }
    let checkpoint: ModelCheckpoint
    do {
        checkpoint = try ModelCheckpoint.load(path: configPath)
    } catch {
        precondition(error.file == configPath && !error.message.isEmpty, "error without the file or a message: \(error)")
        return 0
    }
    guard case .config(let file, _) = checkpoint.origin, file == configPath, let config = checkpoint.config else {
        preconditionFailure("a config alone read as \(checkpoint.origin)")
    }
    let tensors = checkpoint.inventory.tensors
    precondition(!tensors.isEmpty && tensors.count <= ModelInventory.maximumTensors, "\(tensors.count) tensors")
    precondition(Set(tensors.map(\.name)).count == tensors.count, "duplicate tensor names")
    precondition(tensors.allSatisfy { $0.shape.allSatisfy { $0 >= 0 } }, "a negative dimension")
    let total = tensors.reduce(0) { $0 + $1.count }
    precondition(total <= NamesFile.maximumElements, "more than 2^48 parameters")
    precondition(tensors.allSatisfy { $0.dtype == config.dtypeCode }, "a tensor without the config's dtype")

    // The partition `descent partition` would report, when the config's geometry allows one;
    // it divides by the head counts, so a config never gives 0 for them.
    let attention = config.attention
    precondition(attention.heads != 0 && attention.kvHeads != 0, "a head count of 0: \(attention)")
    guard let dim = attention.dim, let heads = attention.heads, let kv = attention.kvHeads,
          dim * dim % heads == 0, heads % kv == 0 else { return 0 }
    let rules = AdamMiniNameRules(dim: dim, heads: heads, kvHeads: kv)
    guard let report = try? PartitionReport(inventory: checkpoint.inventory, rules: rules) else { return 0 }
    precondition(report.parameters == total, "the report counts other parameters")
    precondition(report.adamMiniState <= report.adamWState, "Adam-mini keeps more than AdamW")
    let memory = PartitionMemory(report: report, fallbackDtype: config.dtypeCode)
    precondition(memory.adamMini <= memory.adamWFloat32, "Adam-mini needs more memory than AdamW")
    _ = PartitionWarning.detect(report: report, rules: rules, attention: attention, tiedEmbeddings: config.tiesWordEmbeddings)
    return 0
}
