// libFuzzer: -max_len=8192
import Scenarios

/// libFuzzer entry point: any bytes, read as a names file, end in an inventory of bounded
/// tensors with unique names or in an error naming the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNames(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let inventory = try NamesFile.parse(text, file: "fuzz.txt")
        precondition(Set(inventory.tensors.map(\.name)).count == inventory.tensors.count, "duplicate names")
        precondition(inventory.tensors.allSatisfy { $0.count <= NamesFile.maximumElements }, "tensor beyond 2^48")
    } catch {
        precondition(error.file == "fuzz.txt" && !error.message.isEmpty, "error without a file or message")
    }
    return 0
}
