/// One optimizer descent can run, by the name scenario files and flags use: a registered kind
/// of a rule (see `OptimizerRegistry`).
///
/// `OptimizerKind(rawValue:)` and `allCases` read the standard registry; a kind from another
/// registry carries its own entry, so nothing downstream needs to know which registry it came from.
public struct OptimizerKind: RawRepresentable, CaseIterable, Codable, Sendable, Hashable, CustomStringConvertible {
    /// The registry entry behind this kind.
    public let entry: OptimizerRegistration

    /// Wraps a registry entry.
    public init(entry: OptimizerRegistration) {
        self.entry = entry
    }

    /// The standard registry's kind with this name.
    public init?(rawValue: String) {
        guard let kind = OptimizerRegistry.standard.kind(named: rawValue) else { return nil }
        self = kind
    }

    /// The standard registry's kind named `name`, which must exist (for the named constants).
    init(registered name: String) {
        guard let kind = OptimizerRegistry.standard.kind(named: name) else { preconditionFailure("\(name) is not registered") }
        self = kind
    }

    /// The name, e.g. `adam-mini`.
    public var rawValue: String { entry.name }
    public var description: String { entry.name }

    /// Every kind of the standard registry.
    public static var allCases: [OptimizerKind] { OptimizerRegistry.standard.kinds }

    /// A one-line description for listings and help.
    public var summary: String { entry.variant.summary }
    /// The settable hyperparameters, torch names and this kind's defaults.
    public var descriptors: [HyperparameterDescriptor] { entry.descriptors }
    /// The default hyperparameters of this kind, torch's where torch has the optimizer.
    public var defaultHyperparameters: Hyperparameters { Hyperparameters(kind: self) }
    /// The hyperparameter schedules and the UI scale (`lr`, block-GD's `scale`).
    public var learningRateName: String { entry.learningRateName }
    /// Whether the step sizes come from gradient statistics, so that there are none before the first update.
    public var adaptsStepSizes: Bool { entry.adaptsStepSizes }
    /// Whether it needs the problem's exact Hessian (and so cannot train a network).
    public var needsHessian: Bool { entry.needsHessian }
    /// How it uses a partition into blocks, or nil.
    public var partition: PartitionUse? { entry.partition }
    /// Hyperparameters the legend shows even at their default.
    public var alwaysShown: [String] { entry.variant.alwaysShown }

    public static func == (a: OptimizerKind, b: OptimizerKind) -> Bool { a.entry === b.entry || a.rawValue == b.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let kind = OptimizerKind(rawValue: name) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown optimizer '\(name)'"))
        }
        self = kind
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
