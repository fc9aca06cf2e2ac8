import OptimizerCore
import TOMLKit

/// Reads a typed line of hyperparameters, e.g. `lr=0.03 momentum=0.8`, into a new
/// configuration, with the same checks a scenario file's `[[optimizer]]` table gets.
public enum RetuneParser {
    /// What errors name as the source of the line.
    public static let source = "typed settings"

    /// `current` with the line's values; a located error names the key and what is valid.
    public static func configuration(from line: String, current: OptimizerConfiguration) throws(ScenarioError) -> OptimizerConfiguration {
        let kind = current.kind
        let names = kind.descriptors.map(\.name)
        var configuration = current
        let words = Self.words(line)
        guard !words.isEmpty else {
            throw ScenarioError(file: source, message: "type key=value pairs, e.g. \(example(kind)); keys: \(names.joined(separator: ", "))")
        }
        for word in words {
            guard let equals = word.firstIndex(of: "="), equals != word.startIndex else {
                throw ScenarioError(file: source, message: "'\(word)' is not key=value; write e.g. \(example(kind))")
            }
            let key = String(word[..<equals])
            let text = String(word[word.index(after: equals)...])
            guard names.contains(key) else {
                throw ScenarioError(file: source, keyPath: key,
                                    message: "\(kind.rawValue) has no hyperparameter '\(key)'\(NearestNameLookup.suggestion(key, names)); valid: \(names.joined(separator: ", "))")
            }
            let value = try parseValue(text, key: key)
            let descriptor = kind.descriptors.first { $0.name == key }!
            guard let hyper = OptimizerLoader.hyperValue(value, for: descriptor) else {
                let expected = descriptor.validRange
                throw ScenarioError(file: source, keyPath: key, message: "\(key) = \(TableReader.abbreviate(value)) is \(value.typeName); \(key) must be \(expected)")
            }
            do throws(HyperparameterError) {
                try configuration.set(key, to: hyper)
            } catch {
                throw ScenarioError(file: source, keyPath: key, message: error.description)
            }
        }
        do throws(HyperparameterError) {
            try configuration.hyperparameters.validate()
        } catch {
            throw ScenarioError(file: source, message: error.description)
        }
        return configuration
    }

    /// The line that gives `configuration`'s hyperparameters back, e.g. `lr=0.05 betas=[0.9,0.999]`.
    public static func line(for configuration: OptimizerConfiguration) -> String {
        configuration.hyperparameters.namedValues.map { "\($0.name)=\(text($0.value))" }.joined(separator: " ")
    }

    /// The line split at blanks outside brackets, so `betas=[0.9, 0.99]` stays one word.
    private static func words(_ line: String) -> [String] {
        var words: [String] = [], current = "", depth = 0
        for character in line {
            if character == "[" { depth += 1 } else if character == "]" { depth = max(0, depth - 1) }
            if depth == 0, character == " " || character == "\t" {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private static func parseValue(_ text: String, key: String) throws(ScenarioError) -> ConfigValue {
        guard !text.isEmpty else {
            throw ScenarioError(file: source, keyPath: key, message: "\(key)= has no value; write e.g. \(key)=0.01")
        }
        // TOML's own value syntax, as in a scenario file (numbers, true/false, [a, b]), with the
        // checks the scenario loader makes first: toml++ asserts (debug: abort; release:
        // undefined behaviour) that a list element never starts with '}', as in `betas=[}`.
        let document = "v = \(text)"
        let shape = TOMLPrecheck(document)
        guard text.count <= 200, !text.contains("\n"), !text.contains("\u{0}"), shape.braceInListLine == nil,
              shape.malformedHeaderLine == nil, shape.deepest <= ScenarioLoader.maximumNesting,
              let table = try? TOMLTable(string: document),
              case .table(let entries) = ConfigValue.from(table), let value = entries.first?.value else {
            throw ScenarioError(file: source, keyPath: key, message: "\(key)=\(text) is not a number, true/false or a [a,b] pair")
        }
        guard value.number.map({ $0.isFinite }) ?? true else {
            throw ScenarioError(file: source, keyPath: key, message: "\(key)=\(text) is not valid; \(key) must be a finite number")
        }
        return value
    }

    private static func example(_ kind: OptimizerKind) -> String {
        kind.descriptors.count > 1 ? "lr=0.03 \(kind.descriptors[1].name)=\(text(kind.descriptors[1].defaultValue))" : "lr=0.03"
    }

    private static func text(_ value: HyperValue) -> String {
        switch value {
        case .real(let x): TOMLText.number(x)
        case .flag(let b): b ? "true" : "false"
        case .pair(let a, let b): "[\(TOMLText.number(a)),\(TOMLText.number(b))]"
        case .list(let xs): "[" + xs.map(TOMLText.number).joined(separator: ",") + "]"
        case .choice(let name): TOMLText.string(name)
        }
    }
}
