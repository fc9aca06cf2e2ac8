/// The value of one hyperparameter: a real number, a flag or a pair (Adam's betas).
public enum HyperValue: Codable, Sendable, Hashable, CustomStringConvertible {
    /// A real number such as `lr` or `eps`.
    case real(Double)
    /// A switch such as `nesterov` or `amsgrad`.
    case flag(Bool)
    /// A pair such as `betas = [0.9, 0.999]`.
    case pair(Double, Double)

    /// The value as written in a scenario file.
    public var description: String {
        switch self {
        case .real(let x): "\(x)"
        case .flag(let b): "\(b)"
        case .pair(let a, let b): "[\(a), \(b)]"
        }
    }

    /// The kind of value, for error messages.
    public var typeName: String {
        switch self {
        case .real: "a number"
        case .flag: "true or false"
        case .pair: "a pair of numbers"
        }
    }
}
