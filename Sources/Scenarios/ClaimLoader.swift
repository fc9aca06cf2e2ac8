import OptimizerCore

/// Reads the `[[claim]]` tables of a scenario file.
enum ClaimLoader {
    static let testKeys = ["below", "above", "beats", "diverges", "reaches"]
    static let validKeys = ["text", "optimizer", "step"] + testKeys + ["within", "by"]

    /// Validates every claim against the scenario's optimizers and run length.
    static func read(_ value: ConfigValue, top: TableReader, problem: Problem, optimizers: [OptimizerEntry], steps: Int,
                     context: LoadContext) throws(ScenarioError) -> [Claim] {
        let measure = Self.measure(problem)
        guard case .array(let tables) = value else {
            throw top.typeError("claim", value, expected: "one or more [[claim]] tables")
        }
        var claims: [Claim] = []
        for (index, table) in tables.enumerated() {
            guard case .table(let entries) = table else {
                throw top.typeError("claim", value, expected: "one or more [[claim]] tables")
            }
            let reader = TableReader(entries, section: "claim", index: index, path: "claim[\(index + 1)]", context: context)
            var claim = try readOne(reader, optimizers: optimizers, steps: steps)
            claim.measure = measure
            claims.append(claim)
        }
        return claims
    }

    private static func readOne(_ table: TableReader, optimizers: [OptimizerEntry], steps: Int) throws(ScenarioError) -> Claim {
        var reader = table
        let text = try reader.string("text")
        guard let name = try reader.string("optimizer") else {
            throw reader.error(nil, "missing optimizer; optimizer must be one of this file's labels: \(labelList(optimizers))")
        }
        let optimizer = try resolve(name, key: "optimizer", reader: reader, optimizers: optimizers)
        let present = testKeys.filter { table.has($0) }
        guard present.count == 1, let testKey = present.first else {
            if present.isEmpty {
                throw reader.error(nil, "missing test; a claim needs exactly one of \(testKeys.joined(separator: ", ")) (reaches with within)")
            }
            throw reader.error(present[1], "a claim tests one thing, but this one has \(present.joined(separator: " and ")); split it into one [[claim]] per test")
        }
        if testKey != "reaches", table.has("within") {
            throw reader.error("within", "within goes with reaches (reaches = 1e-6 with within = 500); for \(testKey) give step")
        }
        if testKey != "beats", table.has("by") {
            throw reader.error("by", "by goes with beats (beats = \"gd\" with by = 100: below a hundredth of gd's); \(testKey) takes no factor")
        }
        let step = try readStep(&reader, key: "step", steps: steps) ?? steps
        let test: Claim.Test
        switch testKey {
        case "below": test = .below(try bound(&reader, "below"))
        case "above": test = .above(try bound(&reader, "above"))
        case "beats":
            let other = try resolve(try reader.string("beats") ?? "", key: "beats", reader: reader, optimizers: optimizers)
            guard other != optimizer else {
                throw reader.error("beats", "beats = \"\(other)\" names the claim's own optimizer; name another one: \(labelList(optimizers.filter { $0.label != optimizer }))")
            }
            test = .beats(other, by: try factor(&reader))
        case "diverges":
            guard case .boolean(let flag)? = reader.raw("diverges") else {
                throw reader.typeError("diverges", table.entries.first { $0.key == "diverges" }!.value, expected: "true or false")
            }
            test = .diverges(flag)
        default:
            if table.has("step") {
                throw reader.error("step", "step does not apply to reaches; within = N gives the last step it may take")
            }
            let target = try bound(&reader, "reaches")
            guard let within = try readStep(&reader, key: "within", steps: steps) else {
                throw reader.error("reaches", "reaches needs within = N, the last step by which the loss gap must fall below \(ClaimNumber.bound(target))")
            }
            try reader.requireAllUsed(valid: validKeys)
            return Claim(text: text, optimizer: optimizer, step: within, test: .reaches(target, within: within))
        }
        try reader.requireAllUsed(valid: validKeys)
        return Claim(text: text, optimizer: optimizer, step: step, test: test)
    }

    /// What claims on `problem` measure, as `ClaimRun` records it.
    static func measure(_ problem: Problem) -> String {
        if problem.network != nil { return "validation loss" }
        if let minimum = problem.objective?.minimumValue, minimum != 0 { return "loss above the minimum" }
        return "loss"
    }

    /// A label of this file, or a type that exactly one optimizer has.
    private static func resolve(_ name: String, key: String, reader: TableReader, optimizers: [OptimizerEntry]) throws(ScenarioError) -> String {
        if let entry = optimizers.first(where: { $0.label == name }) { return entry.label }
        let sameType = optimizers.filter { $0.configuration.kind.rawValue == name.lowercased() }
        if sameType.count == 1 { return sameType[0].label }
        if sameType.count > 1 {
            throw reader.error(key, "\(key) = \"\(name)\" is the type of \(sameType.count) optimizers; name one by its label: \(labelList(sameType))")
        }
        let labels = optimizers.map(\.label)
        throw reader.error(key, "\(key) = \"\(name)\" is not an optimizer of this file\(NearestName.hint(name, in: labels)); valid: \(labelList(optimizers))")
    }

    private static func readStep(_ reader: inout TableReader, key: String, steps: Int) throws(ScenarioError) -> Int? {
        guard let value = reader.raw(key) else { return nil }
        let n: Int
        switch value {
        case .integer(let i): n = i
        case .real(let x) where x.rounded() == x && abs(x) < 1e18: n = Int(x)
        default: throw reader.typeError(key, value, expected: "a whole number of steps from 0 to \(steps)")
        }
        guard n >= 0 else {
            throw reader.error(key, "\(key) = \(n) is negative; \(key) must be a step from 0 to \(steps) (the run's [run] steps)")
        }
        guard n <= steps else {
            throw reader.error(key, "\(key) = \(n) is beyond the run, which ends at [run] steps = \(steps); give a step from 0 to \(steps) or raise steps")
        }
        return n
    }

    /// `by`, the factor of a `beats`: 1 when absent.
    private static func factor(_ reader: inout TableReader) throws(ScenarioError) -> Double {
        guard let factor = try reader.number("by") else { return 1 }
        guard factor > 0 else {
            throw reader.error("by", "by = \(ClaimNumber.bound(factor)) is not valid; by must be a number > 0, the factor the claimed optimizer must beat the other by (by = 100: below a hundredth of its measure; by = 0.1: below ten times it)")
        }
        return factor
    }

    private static func bound(_ reader: inout TableReader, _ key: String) throws(ScenarioError) -> Double {
        // number() checks the type and finiteness; it is present, so never nil.
        try reader.number(key) ?? .nan
    }

    private static func labelList(_ optimizers: [OptimizerEntry]) -> String {
        optimizers.map { "\"\($0.label)\"" }.joined(separator: ", ")
    }
}
