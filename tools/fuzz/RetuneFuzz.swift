// libFuzzer: -max_len=1024
import OptimizerCore
import Scenarios

/// libFuzzer entry point: the first byte picks the optimizer being retuned, the rest is the line
/// typed after `:` in the visualizer. The line ends in a configuration that validates and whose
/// own line (`RetuneParser.line(for:)`) reads back to it, or in an error naming the typed settings.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRetune(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let kinds = OptimizerKind.allCases
    let kind = kinds[Int(data[0]) % kinds.count]
    let line = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    let current = OptimizerConfiguration(kind: kind)
    do {
        let retuned = try RetuneParser.configuration(from: line, current: current)
        precondition(retuned.kind == kind, "retuning changed the optimizer")
        precondition((try? retuned.hyperparameters.validate()) != nil, "an invalid configuration was accepted")
        let written = RetuneParser.line(for: retuned)
        guard let reread = try? RetuneParser.configuration(from: written, current: current) else {
            preconditionFailure("the line \(written) of an accepted configuration does not read back")
        }
        precondition(reread == retuned, "\(written) reads back to another configuration")
    } catch {
        precondition(error.file == RetuneParser.source && !error.message.isEmpty, "error without its source or a message: \(error)")
    }
    return 0
}
