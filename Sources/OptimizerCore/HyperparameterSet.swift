/// How one hyperparameter is stored in its typed set: the field(s) behind a torch name.
public enum HyperparameterField<Set>: Sendable {
    /// A real number.
    case real(WritableKeyPath<Set, Double> & Sendable)
    /// A flag.
    case flag(WritableKeyPath<Set, Bool> & Sendable)
    /// A pair such as `betas`.
    case pair(WritableKeyPath<Set, Double> & Sendable, WritableKeyPath<Set, Double> & Sendable)
}

/// A typed set of hyperparameters that can also be read and written by torch name (for scenario
/// files, flags and the UI) and validated as a whole.
///
/// A conformer lists its fields once, in `fields`: descriptors (names, defaults, ranges) and the
/// key paths behind them; reading and writing by name come from that table.
public protocol HyperparameterSet: Codable, Sendable, Hashable {
    /// Each hyperparameter: its torch name, meaning, range and default, and where it is stored.
    static var fields: [(descriptor: HyperparameterDescriptor, field: HyperparameterField<Self>)] { get }
    /// Where the base learning rate is stored (block-GD's `scale`).
    static var learningRateField: WritableKeyPath<Self, Double> & Sendable { get }
    /// Checks combinations that torch refuses (ranges are checked per value by the descriptors).
    func validateCombination() throws(HyperparameterError)
}

extension HyperparameterSet {
    /// The hyperparameters, torch names and defaults.
    public static var descriptors: [HyperparameterDescriptor] { fields.map(\.descriptor) }

    /// The base learning rate (block-GD's `scale`).
    public var learningRate: Double {
        get { self[keyPath: Self.learningRateField] }
        set { self[keyPath: Self.learningRateField] = newValue }
    }

    /// The value of the hyperparameter with this torch name.
    public func value(named name: String) -> HyperValue? {
        guard let field = Self.fields.first(where: { $0.descriptor.name == name })?.field else { return nil }
        switch field {
        case .real(let path): return .real(self[keyPath: path])
        case .flag(let path): return .flag(self[keyPath: path])
        case .pair(let first, let second): return .pair(self[keyPath: first], self[keyPath: second])
        }
    }

    /// Sets a hyperparameter by name after checking name, type and range.
    public mutating func set(_ name: String, to value: HyperValue, optimizer: OptimizerKind) throws(HyperparameterError) {
        guard let (descriptor, field) = Self.fields.first(where: { $0.descriptor.name == name }) else {
            let names = Self.descriptors.map(\.name)
            throw .unknownName(name: name, optimizer: optimizer, valid: names,
                               suggestion: NearestName.find(name, in: names))
        }
        try descriptor.validate(value)
        switch (field, value) {
        case let (.real(path), .real(x)): self[keyPath: path] = x
        case let (.flag(path), .flag(b)): self[keyPath: path] = b
        case let (.pair(first, second), .pair(a, b)):
            self[keyPath: first] = a
            self[keyPath: second] = b
        default: preconditionFailure("descriptor and field of \(name) disagree")
        }
    }

    /// Every hyperparameter's current value, in descriptor order.
    public var namedValues: [(name: String, value: HyperValue)] {
        Self.descriptors.compactMap { d in value(named: d.name).map { (d.name, $0) } }
    }

    public func validateCombination() throws(HyperparameterError) {}
}
