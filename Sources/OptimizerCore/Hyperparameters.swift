/// The hyperparameters of one optimizer kind, by torch name: every value its rule reads,
/// starting from the kind's defaults.
public struct Hyperparameters: Sendable, Hashable {
    /// The kind these belong to.
    public let kind: OptimizerKind
    /// One value per `kind.entry.allDescriptors`.
    private var values: [HyperValue]

    /// The kind's defaults.
    public init(kind: OptimizerKind) {
        self.kind = kind
        values = kind.entry.allDescriptors.map(\.defaultValue)
    }

    /// The value of the hyperparameter with this torch name (pinned ones included).
    public func value(named name: String) -> HyperValue? {
        kind.entry.allDescriptors.firstIndex { $0.name == name }.map { values[$0] }
    }

    /// A real hyperparameter; the rule's own names only.
    public func real(_ name: String) -> Double {
        guard case .real(let x)? = value(named: name) else { preconditionFailure("\(kind) has no real hyperparameter \(name)") }
        return x
    }

    /// A flag; the rule's own names only.
    public func flag(_ name: String) -> Bool {
        guard case .flag(let b)? = value(named: name) else { preconditionFailure("\(kind) has no flag \(name)") }
        return b
    }

    /// A pair such as betas; the rule's own names only.
    public func pair(_ name: String) -> (Double, Double) {
        guard case .pair(let a, let b)? = value(named: name) else { preconditionFailure("\(kind) has no pair \(name)") }
        return (a, b)
    }

    /// A list of numbers; the rule's own names only.
    public func list(_ name: String) -> [Double] {
        guard case .list(let xs)? = value(named: name) else { preconditionFailure("\(kind) has no list \(name)") }
        return xs
    }

    /// A real that may be absent (torch's None): nil when it is; the rule's own names only.
    public func optionalReal(_ name: String) -> Double? {
        switch value(named: name) {
        case .real(let x)?: return x
        case .choice?: return nil
        default: preconditionFailure("\(kind) has no optional real \(name)")
        }
    }

    /// A named choice; the rule's own names only.
    public func choice(_ name: String) -> String {
        guard case .choice(let option)? = value(named: name) else { preconditionFailure("\(kind) has no choice \(name)") }
        return option
    }

    /// The base learning rate (block-GD's scale).
    public var learningRate: Double {
        get { real(kind.learningRateName) }
        set {
            let index = kind.entry.allDescriptors.firstIndex { $0.name == kind.learningRateName }!
            values[index] = .real(newValue)
        }
    }

    /// Sets one hyperparameter by torch name, checking name, type and range.
    public mutating func set(_ name: String, to value: HyperValue, optimizer: OptimizerKind) throws(HyperparameterError) {
        guard let descriptor = kind.descriptors.first(where: { $0.name == name }) else {
            let names = kind.descriptors.map(\.name)
            throw .unknownName(name: name, optimizer: optimizer, valid: names, suggestion: NearestName.find(name, in: names))
        }
        try descriptor.validate(value)
        values[kind.entry.allDescriptors.firstIndex { $0.name == name }!] = value
    }

    /// Sets one hyperparameter of this kind by torch name, checking it.
    public mutating func set(_ name: String, to value: HyperValue) throws(HyperparameterError) {
        try set(name, to: value, optimizer: kind)
    }

    /// Checks combinations of values that torch refuses.
    public func validate() throws(HyperparameterError) {
        try kind.entry.validate(self)
    }

    /// The settable hyperparameters as name/value pairs, torch names, descriptor order.
    public var namedValues: [(name: String, value: HyperValue)] {
        kind.descriptors.map { ($0.name, value(named: $0.name)!) }
    }

    /// The largest lambda_max(P^1/2 H P^1/2) at which the optimizer is stable on a quadratic.
    public var stabilityThreshold: Double { kind.entry.stabilityThreshold(self) }

    /// How weight decay enters the update.
    public var weightDecay: WeightDecay { kind.entry.weightDecay(self) }
}

extension Hyperparameters: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let kind = try container.decode(OptimizerKind.self, forKey: .type)
        self.init(kind: kind)
        let given = try container.decode([String: HyperValue].self, forKey: .values)
        for (name, value) in given {
            do throws(HyperparameterError) { try set(name, to: value) } catch {
                throw DecodingError.dataCorruptedError(forKey: .values, in: container, debugDescription: error.description)
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(kind, forKey: .type)
        try container.encode(Dictionary(uniqueKeysWithValues: namedValues.map { ($0.name, $0.value) }), forKey: .values)
    }

    private enum Keys: String, CodingKey {
        case type, values
    }
}
