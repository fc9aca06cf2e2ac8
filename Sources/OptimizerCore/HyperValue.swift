/// The value of one hyperparameter: a real number, a flag, a pair (Adam's betas), a list of
/// numbers (Muon's Newton-Schulz coefficients) or a named choice (Muon's `adjust_lr_fn`).
public enum HyperValue: Codable, Sendable, Hashable, CustomStringConvertible {
    /// A real number such as `lr` or `eps`.
    case real(Double)
    /// A switch such as `nesterov` or `amsgrad`.
    case flag(Bool)
    /// A pair such as `betas = [0.9, 0.999]`.
    case pair(Double, Double)
    /// Numbers other than two, such as `ns_coefficients = [3.4445, -4.775, 2.0315]`.
    case list([Double])
    /// One of a rule's named options, such as `adjust_lr_fn = "original"`.
    case choice(String)

    /// The value as written in a scenario file.
    public var description: String {
        switch self {
        case .real(let x): "\(x)"
        case .flag(let b): "\(b)"
        case .pair(let a, let b): "[\(a), \(b)]"
        case .list(let xs): "[" + xs.map { "\($0)" }.joined(separator: ", ") + "]"
        case .choice(let name): "\"\(name)\""
        }
    }

    /// The kind of value, for error messages.
    public var typeName: String {
        switch self {
        case .real: "a number"
        case .flag: "true or false"
        case .pair: "a pair of numbers"
        case .list(let xs): "a list of \(xs.count) numbers"
        case .choice: "a name"
        }
    }
}
