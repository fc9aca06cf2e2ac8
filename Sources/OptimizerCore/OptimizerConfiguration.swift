/// Everything needed to build an optimizer: its kind and hyperparameters and (for rules that use
/// blocks, Adam-mini and block-GD) the partition; a plain Codable value that scenario files and
/// checkpoints store.
public struct OptimizerConfiguration: Codable, Sendable, Hashable {
    /// Its hyperparameters, which know their kind.
    public var hyperparameters: Hyperparameters
    /// Its partition; nil means the default for the problem (decided by the caller).
    public var partition: PartitionStrategy?

    /// Which optimizer.
    public var kind: OptimizerKind { hyperparameters.kind }

    /// Creates a configuration; hyperparameters default to the kind's (torch's) defaults.
    public init(kind: OptimizerKind, hyperparameters: Hyperparameters? = nil, partition: PartitionStrategy? = nil) {
        precondition(hyperparameters.map { $0.kind == kind } ?? true, "hyperparameters of another kind")
        self.hyperparameters = hyperparameters ?? kind.defaultHyperparameters
        self.partition = partition
    }

    /// Sets one hyperparameter by torch name, checking it.
    public mutating func set(_ name: String, to value: HyperValue) throws(HyperparameterError) {
        try hyperparameters.set(name, to: value, optimizer: kind)
    }

    /// Builds the optimizer for parameters laid out as `layout`.
    ///
    /// - Parameters:
    ///   - scalar: the precision, `Float.self` or `Double.self`.
    ///   - layout: the parameters' tensors, names and shapes.
    ///   - defaultPartition: used when `partition` is nil and the rule has no fallback of its own
    ///     (tensor for surfaces, Hessian blocks for quadratics, official for networks).
    ///   - hessianBlocks: the objective's Hessian block sizes, if it has any.
    ///   - curvatures: for block-GD, the largest eigenvalue of the Hessian's diagonal block for each
    ///     block of a map; nil when the problem has no fixed Hessian.
    ///   - hessian: for Newton, the exact Hessian at a point (n x n, row-major); nil when the problem has none.
    ///   - network: whether the parameters are a network's weights (Muon's recipe).
    public func makeOptimizer<Scalar: OptimizerScalar>(
        _ scalar: Scalar.Type = Scalar.self,
        layout: ParameterLayout,
        defaultPartition: PartitionStrategy = .tensor,
        hessianBlocks: [Int]? = nil,
        curvatures: ((BlockMap) -> [Double])? = nil,
        hessian: (@Sendable ([Double]) -> [Double])? = nil,
        network: Bool = false
    ) throws(PartitionError) -> any Optimizer<Scalar> {
        let build = OptimizerBuild(hyperparameters: hyperparameters, layout: layout, partition: partition,
                                   defaultPartition: defaultPartition, hessianBlocks: hessianBlocks, curvatures: curvatures,
                                   hessian: hessian, network: network)
        return try kind.entry.make(Scalar.self, build, kind: kind)
    }

    /// The partition in use: the given one, else the rule's fallback, else `defaultPartition`;
    /// nil for rules that use none.
    public func effectivePartition(default defaultPartition: PartitionStrategy?) -> PartitionStrategy? {
        guard let use = kind.partition else { return nil }
        return partition ?? use.fallback ?? defaultPartition
    }

    /// A short description of the non-default hyperparameters, e.g. `lr=0.01 betas=[0.9, 0.99]`.
    public var shortDescription: String {
        let defaults = kind.defaultHyperparameters
        var parts: [String] = []
        for (name, value) in hyperparameters.namedValues where name == kind.learningRateName || defaults.value(named: name) != value {
            parts.append("\(name)=\(Self.compact(value))")
        }
        if let partition, kind.partition != nil {
            parts.append("partition=\(partition.name)")
        }
        return parts.joined(separator: " ")
    }

    private static func compact(_ value: HyperValue) -> String {
        func number(_ x: Double) -> String {
            let text = "\(x)"
            return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
        }
        switch value {
        case .real(let x): return number(x)
        case .flag(let b): return b ? "on" : "off"
        case .pair(let a, let b): return "(\(number(a)),\(number(b)))"
        case .list(let xs): return "(" + xs.map(number).joined(separator: ",") + ")"
        case .choice(let name): return name
        }
    }
}
