import OptimizerCore

/// Which network to train and its sizes.
public enum ModelConfiguration: Codable, Sendable, Hashable {
    /// A fully connected classifier.
    case mlp(MLPConfiguration)
    /// A Llama-style decoder-only transformer.
    case transformer(TransformerConfiguration)

    /// `mlp` or `transformer`.
    public var name: String {
        switch self {
        case .mlp: "mlp"
        case .transformer: "transformer"
        }
    }

    /// The largest model descent builds: its parameters, gradients, optimizer state and scratch
    /// must fit in memory, and a mistyped size must not try to allocate terabytes first.
    public static let maximumParameters = 100_000_000

    /// Parameters of the model, counted from its sizes without building anything (saturating at
    /// Int.max, so absurd sizes cannot overflow).
    public var parameterCount: Int {
        func product(_ a: Int, _ b: Int) -> Int {
            let (value, overflow) = a.multipliedReportingOverflow(by: b)
            return overflow ? .max : value
        }
        func sum(_ values: Int...) -> Int {
            values.reduce(0) { total, x in
                let (value, overflow) = total.addingReportingOverflow(x)
                return overflow ? .max : value
            }
        }
        switch self {
        case .mlp(let c):
            let widths = c.widths
            var total = 0
            for i in 0..<(widths.count - 1) { total = sum(total, product(widths[i], widths[i + 1]), widths[i + 1]) }
            return total
        case .transformer(let c):
            let kv = product(c.kvHeads, c.heads > 0 ? c.dim / c.heads : 0)
            let block = sum(product(2, product(c.dim, c.dim)), product(2, product(kv, c.dim)),
                            product(3, product(c.hidden, c.dim)), product(2, c.dim))
            return sum(product(2, product(c.vocabulary, c.dim)), product(c.layers, block), c.dim)
        }
    }

    /// Builds the network in the given precision with scratch for `maximumBatch` examples.
    public func makeNetwork<Scalar: OptimizerScalar>(_ scalar: Scalar.Type, maximumBatch: Int) throws(ModelConfigurationError) -> any NeuralNetwork<Scalar> {
        let count = parameterCount
        guard count <= Self.maximumParameters else {
            throw .unsupported("the model would have \(count == .max ? "more than 2^63" : "\(count)") parameters; descent builds models of at most \(Self.maximumParameters)")
        }
        switch self {
        case .mlp(let c): return try MLP<Scalar>(c, maximumBatch: maximumBatch)
        case .transformer(let c): return try Transformer<Scalar>(c, maximumBatch: maximumBatch)
        }
    }

    /// The layout the network will have.
    public var layout: ParameterLayout {
        get throws(ModelConfigurationError) { try makeNetwork(Float.self, maximumBatch: 1).layout }
    }
}
