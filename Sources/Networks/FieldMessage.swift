/// Text that mentions settings by `NetworkField`, worded by whoever shows it: the command line
/// names flags, a scenario file names its keys.
///
/// Written as a string with fields interpolated: `"must divide \(field: .dim) \(dim)"`.
public struct FieldMessage: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// A piece of the message.
    public enum Part: Sendable, Hashable {
        /// Literal text.
        case text(String)
        /// A setting, named by the reader's `name` function.
        case field(NetworkField)
    }

    /// The pieces, in order.
    public let parts: [Part]

    /// A message without fields.
    public init(stringLiteral value: String) { parts = [.text(value)] }

    /// A message with interpolated fields and values.
    public init(stringInterpolation: StringInterpolation) { parts = stringInterpolation.parts }

    /// The message with every field named by `name`.
    public func worded(_ name: (NetworkField) -> String) -> String {
        var text = ""
        for part in parts {
            switch part {
            case .text(let piece): text += piece
            case .field(let field): text += name(field)
            }
        }
        return text
    }

    /// The message with fields named as their configuration properties.
    public var description: String { worded(\.rawValue) }

    /// Collects the literal text, fields and values of an interpolated message.
    public struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        /// Starts an empty message.
        public init(literalCapacity: Int, interpolationCount: Int) {}

        /// Appends literal text.
        public mutating func appendLiteral(_ literal: String) {
            guard !literal.isEmpty else { return }
            if case .text(let previous)? = parts.last {
                parts[parts.count - 1] = .text(previous + literal)
            } else {
                parts.append(.text(literal))
            }
        }

        /// Appends a setting's name.
        public mutating func appendInterpolation(field: NetworkField) { parts.append(.field(field)) }

        /// Appends a value as text.
        public mutating func appendInterpolation(_ value: some CustomStringConvertible) { appendLiteral(value.description) }

        /// Appends a value as text.
        public mutating func appendInterpolation(_ value: String) { appendLiteral(value) }
    }
}
