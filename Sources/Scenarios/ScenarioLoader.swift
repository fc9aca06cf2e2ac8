import Foundation
import OptimizerCore
import TOMLKit

/// Reads scenario files: TOML text in, a validated `Scenario` or a located `ScenarioError` out.
public enum ScenarioLoader {
    /// Largest scenario file accepted, so a mistaken path to a huge file fails fast.
    public static let maximumFileBytes = 4 << 20
    /// Deepest nesting of tables, lists and dotted keys accepted (real scenarios nest three).
    public static let maximumNesting = 64

    /// Loads and validates the scenario at `path` (as the user typed it, for messages).
    public static func load(path: String) throws(ScenarioError) -> Scenario {
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
        return try parse(text: text, file: path, defaultName: defaultName)
    }

    /// Parses and validates scenario text; `file` names it in messages.
    public static func parse(text: String, file: String, defaultName: String = "scenario") throws(ScenarioError) -> Scenario {
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
        guard let optimizerValue = top.raw("optimizer") else {
            throw top.error(nil, "no optimizers; add at least one [[optimizer]] table with type = one of \(OptimizerKind.allCases.map(\.rawValue).joined(separator: ", "))")
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
            let entry = try OptimizerLoader.read(reader, problem: problem, steps: settings.steps)
            if let earlier = optimizers.firstIndex(where: { $0.label == entry.label }) {
                throw reader.error("label", "label '\(entry.label)' is already used by optimizer[\(earlier + 1)]; labels must be unique (add label = \"...\" to tell them apart)")
            }
            optimizers.append(entry)
        }
        try top.requireAllUsed(valid: ["name", "description", "problem", "run", "optimizer"])
        return Scenario(name: name, description: description, problem: problem, settings: settings,
                        optimizers: optimizers, file: file)
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

/// What must be known about a TOML text before toml++ sees it, found without parsing it: how
/// deeply it nests (brackets and braces outside strings and comments, plus the dots of a dotted
/// key or header since the last `=`, `,`, bracket or line; a float's dot over-counts by one,
/// which only matters far beyond real files) and the first table header that does not start
/// with a key.
struct TOMLPrecheck {
    /// The deepest level seen.
    private(set) var deepest = 0
    /// The line where it was first reached.
    private(set) var deepestLine = 1
    /// The first line with a table header whose name does not start with a key character.
    private(set) var malformedHeaderLine: Int?
    /// The first line with a '}' where a list expects its next element.
    private(set) var braceInListLine: Int?

    init(_ text: String) {
        let bytes = Array(text.utf8)
        var depth = 0, dots = 0, line = 1, atLineStart = true
        // The open brackets, innermost last, and whether a list is waiting for an element.
        var open: [UInt8] = [], expectingElement = false
        // toml++ skips a UTF-8 byte order mark, so the first line starts after it.
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count {
            let byte = bytes[index]
            if expectingElement, ![UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: "#")].contains(byte) {
                expectingElement = false
                if byte == UInt8(ascii: "}"), braceInListLine == nil { braceInListLine = line }
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                index = Self.endOfString(bytes, at: index, counting: &line)
                atLineStart = false
                continue
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                continue
            case UInt8(ascii: "\n"):
                line += 1
                dots = 0
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if byte == UInt8(ascii: "["), depth == 0, atLineStart, malformedHeaderLine == nil,
                   !Self.headerStartsWithKey(bytes, at: index) {
                    malformedHeaderLine = line
                }
                depth += 1
                dots = 0
                open.append(byte)
                expectingElement = byte == UInt8(ascii: "[")
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
                dots = 0
                _ = open.popLast()
            case UInt8(ascii: "="), UInt8(ascii: ","):
                dots = 0
                expectingElement = byte == UInt8(ascii: ",") && open.last == UInt8(ascii: "[")
            case UInt8(ascii: "."):
                dots += 1
            default:
                break
            }
            if byte == UInt8(ascii: "\n") {
                atLineStart = true
            } else if byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t"), byte != UInt8(ascii: "\r") {
                atLineStart = false
            }
            if depth + dots > deepest {
                deepest = depth + dots
                deepestLine = line
            }
            index += 1
        }
    }

    /// Whether the header opening at `start` (`[` or `[[`, then blanks) continues with a bare-key
    /// character, a quote or the closing `]` (which toml++ reports itself); the end of the text
    /// is fine too, a line break is not.
    private static func headerStartsWithKey(_ bytes: [UInt8], at start: Int) -> Bool {
        var index = start + 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "[") { index += 1 }
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        guard index < bytes.count else { return true }
        let byte = bytes[index]
        return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "]")
    }

    /// The index just past the string (basic, literal, or either multi-line form) starting at
    /// `start`, counting the newlines inside it.
    private static func endOfString(_ bytes: [UInt8], at start: Int, counting lines: inout Int) -> Int {
        let quote = bytes[start]
        let multiline = start + 2 < bytes.count && bytes[start + 1] == quote && bytes[start + 2] == quote
        var index = start + (multiline ? 3 : 1)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { lines += 1 }
                index += 2
                continue
            }
            if byte == UInt8(ascii: "\n") {
                // A single-line string ends at the line's end (toml++ reports the error).
                if !multiline { return index }
                lines += 1
            }
            if byte == quote {
                if !multiline { return index + 1 }
                if index + 2 < bytes.count, bytes[index + 1] == quote, bytes[index + 2] == quote {
                    // Up to two more quotes may close the string as part of its content.
                    var end = index + 3
                    while end < bytes.count, end < index + 5, bytes[end] == quote { end += 1 }
                    return end
                }
            }
            index += 1
        }
        return index
    }
}
