import TOMLKit

/// A parsed TOML value as a plain Swift tree, so validation does not depend on the parser.
public indirect enum ConfigValue: Sendable, Equatable {
    /// A table; keys keep the document's order where the parser gives it.
    case table([(key: String, value: ConfigValue)])
    /// An array.
    case array([ConfigValue])
    /// A string.
    case string(String)
    /// An integer.
    case integer(Int)
    /// A floating-point number.
    case real(Double)
    /// A boolean.
    case boolean(Bool)
    /// A date, time or date-time, kept as text (scenarios use none).
    case other(String)

    public static func == (lhs: ConfigValue, rhs: ConfigValue) -> Bool {
        switch (lhs, rhs) {
        case let (.table(a), .table(b)): a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
        case let (.array(a), .array(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.integer(a), .integer(b)): a == b
        case let (.real(a), .real(b)): a == b || (a.isNaN && b.isNaN)
        case let (.boolean(a), .boolean(b)): a == b
        case let (.other(a), .other(b)): a == b
        default: false
        }
    }

    /// The kind of value in words, for error messages.
    public var typeName: String {
        switch self {
        case .table: "a table"
        case .array: "a list"
        case .string: "a string"
        case .integer: "an integer"
        case .real: "a number"
        case .boolean: "true or false"
        case .other: "a date or time"
        }
    }

    /// The value as TOML would write it (used in error messages and when saving).
    public var tomlText: String {
        switch self {
        case .table(let entries):
            return "{ " + entries.map { "\(TOMLText.key($0.key)) = \($0.value.tomlText)" }.joined(separator: ", ") + " }"
        case .array(let items):
            return "[" + items.map(\.tomlText).joined(separator: ", ") + "]"
        case .string(let s): return TOMLText.string(s)
        case .integer(let i): return String(i)
        case .real(let x): return TOMLText.number(x)
        case .boolean(let b): return b ? "true" : "false"
        case .other(let s): return s
        }
    }

    /// A number, from an integer or a float.
    public var number: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .real(let x): x
        default: nil
        }
    }

    /// Converts a TOMLKit value.
    static func from(_ value: TOMLValueConvertible) -> ConfigValue {
        switch value.type {
        case .table:
            let table = value.table!
            return .table(table.keys.map { ($0, from(table[$0]!)) })
        case .array:
            return .array(value.array!.map { from($0) })
        case .string: return .string(value.string ?? "")
        case .int: return .integer(value.int ?? 0)
        case .double: return .real(value.double ?? .nan)
        case .bool: return .boolean(value.bool ?? false)
        default: return .other(value.debugDescription)
        }
    }
}
