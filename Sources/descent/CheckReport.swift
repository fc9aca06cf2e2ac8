import Scenarios

/// How `descent check` words its verdicts, as text lines and as JSON.
enum CheckReport {
    /// `✗ beale.toml: rmsprop beats gd at step 600 (rmsprop 5.31e-3, gd 7.26e-4)`.
    static func line(file: String, verdict: ClaimVerdict) -> String {
        let mark = verdict.holds == true ? "✓" : "✗"
        let values = verdict.valuesText
        return "\(mark) \(file): \(verdict.claim.statement)" + (values.isEmpty ? "" : " \(values)")
    }

    /// `{"claims": [...], "held": N, "failed": M}`.
    static func json(_ results: [(file: String, verdict: ClaimVerdict)], held: Int, failed: Int) -> String {
        let claims = results.map { result -> String in
            let claim = result.verdict.claim
            let values = result.verdict.measurements.map { "\(JSONText.string($0.label)):\($0.value.map { JSONText.number($0) } ?? "null")" }
            return "{\"file\":\(JSONText.string(result.file)),\"text\":\(JSONText.string(claim.statement))"
                + ",\"optimizer\":\(JSONText.string(claim.optimizer)),\"test\":\(test(claim.test)),\"step\":\(claim.step)"
                + ",\"holds\":\(result.verdict.holds == true),\"values\":{\(values.joined(separator: ","))}}"
        }
        return "{\"claims\":[" + claims.joined(separator: ",\n") + "],\"held\":\(held),\"failed\":\(failed)}"
    }

    /// The test as the file writes it, e.g. `{"beats":"gd"}`, `{"beats":"gd","by":100}` or `{"reaches":1e-06,"within":500}`.
    private static func test(_ test: Claim.Test) -> String {
        switch test {
        case .below(let x): "{\"below\":\(JSONText.number(x))}"
        case .above(let x): "{\"above\":\(JSONText.number(x))}"
        case .beats(let other, let factor):
            "{\"beats\":\(JSONText.string(other))" + (factor == 1 ? "" : ",\"by\":\(JSONText.number(factor))") + "}"
        case .diverges(let flag): "{\"diverges\":\(flag)}"
        case .reaches(let x, let within): "{\"reaches\":\(JSONText.number(x)),\"within\":\(within)}"
        }
    }
}
