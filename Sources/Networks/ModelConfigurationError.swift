/// Model sizes that do not fit together (from the user's settings or a checkpoint).
public enum ModelConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A size setting with a value that cannot work.
    case invalid(NetworkField, value: String, reason: FieldMessage)
    /// A model that cannot be used with the chosen task, or cannot be built at all.
    case unsupported(FieldMessage)

    /// The message with every setting named by `name` (a flag, a file's key).
    public func message(naming name: (NetworkField) -> String) -> String {
        switch self {
        case let .invalid(field, value, reason): "\(name(field)) \(value): \(reason.worded(name))"
        case let .unsupported(message): message.worded(name)
        }
    }

    /// The message with settings named as their configuration properties.
    public var description: String { message(naming: \.rawValue) }
}
