// libFuzzer: -max_len=8192
import Foundation
import OptimizerCore
import Scenarios

/// Where each input is written so that the file-reading path (length prefix, truncation) runs too.
private let scratchFile = FileManager.default.temporaryDirectory
    .appendingPathComponent("descent-fuzz-\(getpid()).safetensors")

/// libFuzzer entry point: any bytes, read as a whole safetensors file and as a bare header, end in
/// an inventory whose tensors fit the data and whose partition report adds up, or in an error
/// naming the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafetensors(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Data(bytes: data, count: size)
    let dataBytes = 1 << 20
    do {
        let inventory = try SafetensorsHeader.parse(header: bytes, dataBytes: dataBytes, path: "fuzz.safetensors")
        precondition(!inventory.tensors.isEmpty, "an inventory without tensors")
        precondition(inventory.tensors.allSatisfy { $0.count <= dataBytes }, "a tensor does not fit the data")
        if let report = try? PartitionReport(inventory: inventory, rules: AdamMiniNameRules(dim: 4, heads: 2)) {
            precondition(report.adamMiniState <= report.adamWState || report.parameters == 0, "Adam-mini keeps more than AdamW")
        }
    } catch {
        precondition(error.file == "fuzz.safetensors" && !error.message.isEmpty, "error without a file or message")
    }
    guard (try? bytes.write(to: scratchFile)) != nil else { return 0 }
    do {
        let inventory = try ModelInventory.load(path: scratchFile.path)
        precondition(inventory.tensors.allSatisfy { $0.count <= size }, "a tensor is larger than the file")
    } catch {
        precondition(error.file == scratchFile.path && !error.message.isEmpty, "error without a file or message")
    }
    return 0
}
