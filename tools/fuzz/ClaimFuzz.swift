// libFuzzer: -max_len=8192
import Scenarios

/// A scenario with three optimizers and a 100-step run, to which each input is appended: the
/// fuzzing goes to the `[[claim]]` tables rather than to the rest of the file.
private let base = """
    name = "claims"

    [problem]
    type = "rosenbrock"

    [run]
    steps = 100

    [[optimizer]]
    type = "gd"
    label = "gd"
    lr = 0.001

    [[optimizer]]
    type = "adam"
    label = "adam"

    [[optimizer]]
    type = "adam-mini"
    label = "mini"

    """

/// libFuzzer entry point: any bytes, appended to the base scenario as claim tables and read by
/// the scenario loader, end in claims about the file's own optimizers within its run (which the
/// writer writes back, when it writes claims, to the same claims) or in an error naming the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzClaim(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = base + String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let scenario = try ScenarioLoader.parse(text: text, file: "fuzz.toml")
        let labels = Set(scenario.optimizers.map(\.label))
        for claim in scenario.claims {
            precondition(labels.contains(claim.optimizer), "a claim about \(claim.optimizer), not an optimizer of the file")
            precondition((0...scenario.settings.steps).contains(claim.step), "a claim at step \(claim.step) outside the run")
            if case .beats(let other, let factor) = claim.test { precondition(labels.contains(other) && other != claim.optimizer && factor.isFinite && factor > 0, "beats \(other) by \(factor)") }
            if case .reaches(_, let within) = claim.test { precondition(within == claim.step, "reaches within \(within) at step \(claim.step)") }
            precondition(!claim.statement.isEmpty, "a claim without a statement")
        }
        let written = ScenarioWriter.toml(scenario)
        if !scenario.claims.isEmpty, written.contains("[[claim]]") {
            guard let reread = try? ScenarioLoader.parse(text: written, file: "written.toml") else {
                preconditionFailure("the written scenario does not read back:\n\(written)")
            }
            precondition(reread.claims == scenario.claims, "the written claims read back differently:\n\(written)")
        }
    } catch {
        precondition(error.file == "fuzz.toml" && !error.message.isEmpty, "error without a file or message")
    }
    return 0
}
