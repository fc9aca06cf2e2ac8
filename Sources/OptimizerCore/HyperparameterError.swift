/// A hyperparameter that is unknown, of the wrong type, out of range, or inconsistent with another.
public enum HyperparameterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No hyperparameter of that name for this optimizer; `valid` lists the names that are.
    case unknownName(name: String, optimizer: OptimizerKind, valid: [String], suggestion: String?)
    /// A value of the wrong type or outside its range.
    case invalidValue(name: String, value: HyperValue, valid: String)
    /// Two values that torch also refuses together, e.g. nesterov with dampening.
    case inconsistent(String)

    /// The message shown to the user (the caller prefixes the file and key).
    public var description: String {
        switch self {
        case let .unknownName(name, optimizer, valid, suggestion):
            let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
            return "'\(name)' is not a hyperparameter of \(optimizer.rawValue)\(hint); valid: \(valid.joined(separator: ", "))"
        case let .invalidValue(name, value, valid):
            return "\(name) = \(value) is not valid; \(name) must be \(valid)"
        case let .inconsistent(message):
            return message
        }
    }
}
