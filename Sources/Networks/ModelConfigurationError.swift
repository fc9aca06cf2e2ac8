/// Model sizes that do not fit together (from flags or a checkpoint).
public enum ModelConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A size flag with a value that cannot work.
    case invalid(flag: String, value: String, reason: String)
    /// A model that cannot be used with the chosen task.
    case unsupported(String)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case let .invalid(flag, value, reason): "\(flag) \(value): \(reason)"
        case let .unsupported(message): message
        }
    }
}
