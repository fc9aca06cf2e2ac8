// libFuzzer: -max_len=65536
import Objectives
import Scenarios

/// libFuzzer entry point: any bytes, read as a scenario file, end in a scenario that keeps the
/// documented limits (claims included: about its optimizers, within its run) or in an error
/// naming the file; anything else traps and is reported.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let scenario = try ScenarioLoader.parse(text: text, file: "fuzz.toml")
        let problem = scenario.problem
        let dimension = problem.objective?.dimension ?? 0
        precondition(problem.objective != nil || problem.network != nil, "neither an objective nor a network")
        precondition(problem.start.count == dimension, "start has the wrong length")
        precondition(problem.start.allSatisfy(\.isFinite), "start is not finite")
        precondition(dimension <= Quadratic.maximumDimension, "dimension beyond the limit")
        precondition(!scenario.optimizers.isEmpty, "no optimizers")
        precondition(Set(scenario.optimizers.map(\.label)).count == scenario.optimizers.count, "duplicate labels")
        if let view = problem.view { precondition(view.width.isFinite && view.width > 0, "bad view") }
        let labels = Set(scenario.optimizers.map(\.label))
        for claim in scenario.claims {
            precondition(labels.contains(claim.optimizer), "a claim about \(claim.optimizer), not an optimizer of the file")
            precondition((0...scenario.settings.steps).contains(claim.step), "a claim at step \(claim.step) outside the run")
            if case .beats(let other, let factor) = claim.test { precondition(labels.contains(other) && other != claim.optimizer && factor.isFinite && factor > 0, "beats \(other) by \(factor)") }
            precondition(!claim.statement.isEmpty, "a claim without a statement")
        }
    } catch {
        precondition(error.file == "fuzz.toml" && !error.message.isEmpty, "error without a file or message")
    }
    return 0
}
