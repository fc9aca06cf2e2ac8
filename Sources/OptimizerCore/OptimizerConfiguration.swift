/// Everything needed to build an optimizer: its kind, hyperparameters and (for Adam-mini and
/// block-GD) the partition; a plain Codable value that scenario files and checkpoints store.
public struct OptimizerConfiguration: Codable, Sendable, Hashable {
    /// Which optimizer.
    public var kind: OptimizerKind
    /// Its hyperparameters.
    public var hyperparameters: Hyperparameters
    /// Its partition; nil means the default for the problem (decided by the caller).
    public var partition: PartitionStrategy?

    /// Creates a configuration; hyperparameters default to the kind's (torch's) defaults.
    public init(kind: OptimizerKind, hyperparameters: Hyperparameters? = nil, partition: PartitionStrategy? = nil) {
        self.kind = kind
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
    ///   - defaultPartition: used when `partition` is nil (tensor for surfaces, Hessian blocks for
    ///     quadratics, official for networks).
    ///   - hessianBlocks: the objective's Hessian block sizes, if it has any.
    ///   - curvatures: for block-GD, the largest eigenvalue of the Hessian's diagonal block for each
    ///     block of a map; nil when the problem has no fixed Hessian.
    public func makeOptimizer<Scalar: OptimizerScalar>(
        _ scalar: Scalar.Type = Scalar.self,
        layout: ParameterLayout,
        defaultPartition: PartitionStrategy = .tensor,
        hessianBlocks: [Int]? = nil,
        curvatures: ((BlockMap) -> [Double])? = nil
    ) throws(PartitionError) -> any Optimizer<Scalar> {
        let count = layout.count
        switch hyperparameters {
        case .sgd(let h):
            return SGD<Scalar>(kind: kind, settings: h, count: count)
        case .adagrad(let h):
            return Adagrad<Scalar>(settings: h, count: count)
        case .rmsprop(let h):
            return RMSprop<Scalar>(settings: h, count: count)
        case .adam(let h):
            return Adam<Scalar>(settings: h, count: count)
        case .adamMini(let h):
            let map = try (partition ?? defaultPartition).blockMap(for: layout, hessianBlocks: hessianBlocks)
            return AdamMini<Scalar>(settings: h, blockMap: map)
        case .blockGD(let h):
            let map = try (partition ?? .hessianBlocks).blockMap(for: layout, hessianBlocks: hessianBlocks)
            guard let values = curvatures?(map), values.count == map.blockCount else {
                throw .curvatureUnavailable("block-gd needs a problem with a fixed Hessian (type = \"quadratic\") to compute each block's lambda_max")
            }
            return BlockGD<Scalar>(settings: h, blockMap: map, curvatures: values)
        }
    }

    /// A short description of the non-default hyperparameters, e.g. `lr=0.01 betas=[0.9, 0.99]`.
    public var shortDescription: String {
        let defaults = kind.defaultHyperparameters
        var parts: [String] = []
        for (name, value) in hyperparameters.namedValues where name == "lr" || name == "scale" || defaults.values.value(named: name) != value {
            parts.append("\(name)=\(Self.compact(value))")
        }
        if let partition, kind == .adamMini || kind == .blockGD {
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
        }
    }
}
