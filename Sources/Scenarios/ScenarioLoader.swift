import Foundation
import OptimizerCore
import TOMLKit

/// Reads scenario files: TOML text in, a validated `Scenario` or a located `ScenarioError` out.
public enum ScenarioLoader {
    /// Largest scenario file accepted, so a mistaken path to a huge file fails fast.
    public static let maximumFileBytes = 4 << 20
    /// Deepest nesting of tables, lists and dotted keys accepted (real scenarios nest three).
    public static let maximumNesting = 64

    /// Loads and validates the scenario at `path` (as the user typed it, for messages); optimizer
    /// types are looked up in `registry`.
    public static func load(path: String, registry: OptimizerRegistry = .standard) throws(ScenarioError) -> Scenario {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ScenarioError(file: path, message: "no such file; give the path of a scenario .toml file (see scenarios/ or `descent list`)")
        }
        guard !isDirectory.boolValue else {
            throw ScenarioError(file: path, message: "is a directory; give the path of a scenario .toml file")
        }
        let data: Data
        do {
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            guard size <= maximumFileBytes else {
                throw ScenarioError(file: path, message: "is \(size) bytes; scenario files are limited to \(maximumFileBytes) bytes")
            }
            data = try Data(contentsOf: url)
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw ScenarioError(file: path, message: "cannot be read: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError(file: path, message: "is not UTF-8 text; scenario files are TOML")
        }
        let defaultName = url.deletingPathExtension().lastPathComponent
        return try parse(text: text, file: path, defaultName: defaultName, registry: registry)
    }

    /// Parses and validates scenario text; `file` names it in messages, optimizer types are
    /// looked up in `registry`.
    public static func parse(text: String, file: String, defaultName: String = "scenario",
                             registry: OptimizerRegistry = .standard) throws(ScenarioError) -> Scenario {
        guard text.utf8.count <= maximumFileBytes else {
            throw ScenarioError(file: file, message: "is \(text.utf8.count) bytes; scenario files are limited to \(maximumFileBytes) bytes")
        }
        guard !text.contains("\u{0}") else {
            throw ScenarioError(file: file, message: "contains a NUL byte; scenario files are TOML text")
        }
        // toml++ recurses once per level of nesting (and again when freeing the tree), so a file
        // nested thousands of levels deep would overflow the stack inside the C++ parser.
        let shape = TOMLPrecheck(text)
        guard shape.deepest <= maximumNesting else {
            throw ScenarioError(file: file, line: shape.deepestLine,
                                message: "nests tables, lists and dotted keys \(shape.deepest) levels deep; scenario files may nest at most \(maximumNesting) levels")
        }
        // toml++ asserts (debug) or assumes (release) that a header's name starts with a key
        // character, so `[}` or `[é]` would abort the process instead of failing to parse.
        if let line = shape.malformedHeaderLine {
            throw ScenarioError(file: file, line: line,
                                message: "TOML syntax error: a table header must start with a name of letters, digits, '_' or '-' (or a quoted name), e.g. [problem] or [[optimizer]]")
        }
        // Likewise toml++ asserts that a list element never starts with '}'.
        if let line = shape.braceInListLine {
            throw ScenarioError(file: file, line: line, message: "TOML syntax error: '}' where a list expects a value; close the list with ']'")
        }
        let root: ConfigValue
        do {
            root = ConfigValue.from(try TOMLTable(string: text))
        } catch let error as TOMLParseError {
            throw ScenarioError(file: file, line: error.source.begin.line,
                                message: "TOML syntax error at column \(error.source.begin.column): \(error.description)")
        } catch {
            throw ScenarioError(file: file, message: "cannot be parsed as TOML: \(error)")
        }
        guard case .table(let entries) = root else {
            throw ScenarioError(file: file, message: "the document must be a TOML table")
        }
        let context = LoadContext(file: file, lines: SourceLines(text: text))
        var top = TableReader(entries, section: "", path: "", context: context)
        let name = try top.string("name") ?? defaultName
        let description = try top.string("description") ?? ""

        guard let problemEntries = try top.table("problem") else {
            throw top.error(nil, "missing [problem] table; add one with type = \"rosenbrock\" (a surface name), \"expression\" or \"quadratic\"")
        }
        var settings = RunSettings()
        if let runEntries = try top.table("run") {
            settings = try readRun(TableReader(runEntries, section: "run", path: "run", context: context))
        }
        let problem = try ProblemLoader.read(TableReader(problemEntries, section: "problem", path: "problem", context: context),
                                             seed: settings.seed)
        if problem.network != nil {
            // Networks train in float32, as `descent train` does.
            if let runEntries = try top.table("run"), runEntries.contains(where: { $0.key == "precision" }), settings.precision == .double {
                let run = TableReader(runEntries, section: "run", path: "run", context: context)
                throw run.error("precision", "precision = \"double\" is not available for networks; they train in float (remove the key or write \"float\")")
            }
            settings.precision = .float
        }
        guard let optimizerValue = top.raw("optimizer") else {
            throw top.error(nil, "no optimizers; add at least one [[optimizer]] table with type = one of \(registry.names.joined(separator: ", "))")
        }
        guard case .array(let optimizerTables) = optimizerValue, !optimizerTables.isEmpty else {
            throw top.typeError("optimizer", optimizerValue, expected: "one or more [[optimizer]] tables")
        }
        var optimizers: [OptimizerEntry] = []
        for (index, table) in optimizerTables.enumerated() {
            guard case .table(let optimizerEntries) = table else {
                throw top.typeError("optimizer", optimizerValue, expected: "one or more [[optimizer]] tables")
            }
            let reader = TableReader(optimizerEntries, section: "optimizer", index: index, path: "optimizer[\(index + 1)]", context: context)
            let entry = try OptimizerLoader.read(reader, problem: problem, steps: settings.steps, registry: registry)
            if let earlier = optimizers.firstIndex(where: { $0.label == entry.label }) {
                throw reader.error("label", "label '\(entry.label)' is already used by optimizer[\(earlier + 1)]; labels must be unique (add label = \"...\" to tell them apart)")
            }
            optimizers.append(entry)
        }
        var claims: [Claim] = []
        if let claimValue = top.raw("claim") {
            claims = try ClaimLoader.read(claimValue, top: top, problem: problem, optimizers: optimizers, steps: settings.steps, context: context)
        }
        try top.requireAllUsed(valid: ["name", "description", "problem", "run", "optimizer", "claim"])
        return Scenario(name: name, description: description, problem: problem, settings: settings,
                        optimizers: optimizers, claims: claims, file: file)
    }

    private static func readRun(_ table: TableReader) throws(ScenarioError) -> RunSettings {
        var reader = table
        var settings = RunSettings()
        if let steps = try reader.integer("steps", 0...RunSettings.maximumSteps) { settings.steps = steps }
        if let seed = try reader.integer("seed", 0...Int.max) { settings.seed = UInt64(seed) }
        if let precision = try reader.string("precision") {
            guard let value = Precision(rawValue: precision) else {
                throw reader.error("precision", "precision = \"\(precision)\" is not valid\(NearestNameLookup.suggestion(precision, ["float", "double"])); precision must be \"float\" or \"double\"")
            }
            settings.precision = value
        }
        try reader.requireAllUsed(valid: ["steps", "seed", "precision"])
        return settings
    }
}
