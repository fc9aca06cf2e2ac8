/// The optimizers descent knows, by name: adding one is its rule file and one line here.
///
/// Everything that names optimizers (the CLI, `descent list`, scenario validation, checkpoints,
/// the legend, the step-size view) asks a registry, `OptimizerRegistry.standard` unless a
/// caller passes its own.
public struct OptimizerRegistry: Sendable {
    /// Every entry in listing order.
    public let entries: [OptimizerRegistration]

    /// Creates a registry from its lines.
    public init(_ rules: [RegisteredRule]) {
        entries = rules.flatMap(\.entries)
        precondition(Set(entries.map(\.name)).count == entries.count, "two optimizers share a name")
    }

    /// descent's optimizers.
    public static let standard = OptimizerRegistry([
        .elementwise(SGD.self),
        .elementwise(Adagrad.self),
        .elementwise(RMSprop.self),
        .elementwise(Adam.self),
        .custom(AdamMini.self),
        .elementwise(NAdam.self),
        .elementwise(RAdam.self),
        .elementwise(Adamax.self),
        .elementwise(Adadelta.self),
        .elementwise(Rprop.self),
        .elementwise(Lion.self),
        .custom(BlockGD.self),
        .tensorwise(Adafactor.self),
        .custom(Muon.self),
        .custom(Newton.self),
    ])

    /// Every kind, in listing order.
    public var kinds: [OptimizerKind] { entries.map(OptimizerKind.init(entry:)) }

    /// The kinds that train networks (no exact Hessian needed).
    public var trainableKinds: [OptimizerKind] { kinds.filter { !$0.needsHessian } }

    /// Every name, in listing order.
    public var names: [String] { entries.map(\.name) }

    /// The kind named `name` (exactly as listed), if any.
    public func kind(named name: String) -> OptimizerKind? {
        entries.first { $0.name == name }.map(OptimizerKind.init(entry:))
    }

    /// This registry with more rules after its own.
    public func adding(_ rules: [RegisteredRule]) -> OptimizerRegistry {
        OptimizerRegistry(entries: entries + rules.flatMap(\.entries))
    }

    private init(entries: [OptimizerRegistration]) {
        precondition(Set(entries.map(\.name)).count == entries.count, "two optimizers share a name")
        self.entries = entries
    }
}
