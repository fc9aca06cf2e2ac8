import OptimizerCore

/// Reads one table of a scenario file: typed getters that produce located errors, and a check
/// that every key was understood.
struct TableReader {
    let entries: [(key: String, value: ConfigValue)]
    /// The section as headers name it (`problem`, `optimizer`), for line lookup.
    let section: String
    /// Which table of an array of tables.
    let index: Int
    /// How errors name this table, e.g. `optimizer[2] (Adam)`.
    let path: String
    let context: LoadContext
    private(set) var used: Set<String> = []

    init(_ entries: [(key: String, value: ConfigValue)], section: String, index: Int = 0, path: String, context: LoadContext) {
        self.entries = entries
        self.section = section
        self.index = index
        self.path = path
        self.context = context
    }

    /// A located error about `key` (or the table itself).
    func error(_ key: String?, _ message: String) -> ScenarioError {
        ScenarioError(file: context.file, line: context.lines.line(section: section, index: index, key: key),
                      keyPath: key.map { path.isEmpty ? $0 : "\(path).\($0)" } ?? (path.isEmpty ? nil : path),
                      message: message)
    }

    /// The raw value of a key, marking it understood.
    mutating func raw(_ key: String) -> ConfigValue? {
        guard let value = entries.first(where: { $0.key == key })?.value else { return nil }
        used.insert(key)
        return value
    }

    func has(_ key: String) -> Bool { entries.contains { $0.key == key } }

    mutating func string(_ key: String) throws(ScenarioError) -> String? {
        guard let value = raw(key) else { return nil }
        guard case .string(let s) = value else { throw typeError(key, value, expected: "a string") }
        return s
    }

    mutating func number(_ key: String, _ valid: ClosedRange<Double>? = nil, describe: String? = nil) throws(ScenarioError) -> Double? {
        guard let value = raw(key) else { return nil }
        guard let x = value.number else { throw typeError(key, value, expected: "a number") }
        guard x.isFinite else { throw error(key, "\(key) = \(value.tomlText) is not valid; \(key) must be a finite number") }
        if let valid, !valid.contains(x) {
            throw error(key, "\(key) = \(value.tomlText) is out of range; \(key) must be \(describe ?? "in [\(valid.lowerBound), \(valid.upperBound)]")")
        }
        return x
    }

    mutating func integer(_ key: String, _ valid: ClosedRange<Int>) throws(ScenarioError) -> Int? {
        guard let value = raw(key) else { return nil }
        let n: Int
        switch value {
        case .integer(let i): n = i
        case .real(let x) where x.rounded() == x && abs(x) < 1e18: n = Int(x)
        default: throw typeError(key, value, expected: "a whole number")
        }
        guard valid.contains(n) else {
            throw error(key, "\(key) = \(value.tomlText) is out of range; \(key) must be a whole number from \(valid.lowerBound) to \(valid.upperBound)")
        }
        return n
    }

    mutating func numbers(_ key: String) throws(ScenarioError) -> [Double]? {
        guard let value = raw(key) else { return nil }
        guard case .array(let items) = value else { throw typeError(key, value, expected: "a list of numbers") }
        var out: [Double] = []
        for item in items {
            guard let x = item.number, x.isFinite else {
                throw error(key, "\(key) = \(Self.abbreviate(value)) contains \(item.tomlText); \(key) must be a list of finite numbers")
            }
            out.append(x)
        }
        return out
    }

    mutating func table(_ key: String) throws(ScenarioError) -> [(key: String, value: ConfigValue)]? {
        guard let value = raw(key) else { return nil }
        guard case .table(let entries) = value else { throw typeError(key, value, expected: "a table") }
        return entries
    }

    /// Fails on the first key that was never read, suggesting the nearest valid one.
    func requireAllUsed(valid: [String]) throws(ScenarioError) {
        for (key, _) in entries where !used.contains(key) {
            let hint = NearestName.hint(key, in: valid)
            throw error(key, "unknown key '\(key)'\(hint); valid keys here: \(valid.joined(separator: ", "))")
        }
    }

    func typeError(_ key: String, _ value: ConfigValue, expected: String) -> ScenarioError {
        error(key, "\(key) = \(Self.abbreviate(value)) is \(value.typeName); \(key) must be \(expected)")
    }

    static func abbreviate(_ value: ConfigValue) -> String {
        let text = value.tomlText
        return text.count > 60 ? String(text.prefix(57)) + "..." : text
    }
}

/// The file being loaded and where its keys are.
struct LoadContext {
    let file: String
    let lines: SourceLines
}
