/// A typed set of hyperparameters that can also be read and written by torch name (for scenario
/// files, flags and the UI) and validated as a whole.
public protocol HyperparameterSet: Codable, Sendable, Hashable {
    /// The hyperparameters, torch names and defaults.
    static var descriptors: [HyperparameterDescriptor] { get }
    /// The base learning rate (block-GD's `scale`).
    var learningRate: Double { get set }
    /// The value of the hyperparameter with this torch name.
    func value(named name: String) -> HyperValue?
    /// Sets a hyperparameter by torch name; the value must already be of the right type.
    mutating func assign(_ value: HyperValue, to name: String)
    /// Checks combinations that torch refuses (ranges are checked per value by the descriptors).
    func validateCombination() throws(HyperparameterError)
}

extension HyperparameterSet {
    /// Sets a hyperparameter by name after checking name, type and range.
    public mutating func set(_ name: String, to value: HyperValue, optimizer: OptimizerKind) throws(HyperparameterError) {
        guard let descriptor = Self.descriptors.first(where: { $0.name == name }) else {
            let names = Self.descriptors.map(\.name)
            throw .unknownName(name: name, optimizer: optimizer, valid: names,
                               suggestion: NearestName.find(name, in: names))
        }
        var coerced = value
        // An integer literal for a real (lr = 1) is what the user meant.
        if case .real = descriptor.kind, case .flag = value { coerced = value }
        try descriptor.validate(coerced)
        assign(coerced, to: name)
    }

    /// Every hyperparameter's current value, in descriptor order.
    public var namedValues: [(name: String, value: HyperValue)] {
        Self.descriptors.compactMap { d in value(named: d.name).map { (d.name, $0) } }
    }

    public func validateCombination() throws(HyperparameterError) {}
}
