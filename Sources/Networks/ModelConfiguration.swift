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

    /// The most scratch (activations and gradients of one batch) a model may preallocate: 2^30
    /// numbers, 4 GB in float.
    public static let maximumScratch = 1 << 30

    /// Checks the sizes fit together, naming the setting to change when they do not.
    public func validate() throws(ModelConfigurationError) {
        switch self {
        case .mlp(let c): try c.validate()
        case .transformer(let c): try c.validate()
        }
    }

    /// Parameters of the model, counted from its sizes without building anything (saturating at
    /// Int.max, so absurd sizes cannot overflow).
    public var parameterCount: Int {
        switch self {
        case .mlp(let c):
            let widths = c.widths
            var total = 0
            for i in 0..<(widths.count - 1) { total = Saturating.sum(total, Saturating.product(widths[i], widths[i + 1]), widths[i + 1]) }
            return total
        case .transformer(let c):
            let kv = Saturating.product(c.kvHeads, c.heads > 0 ? c.dim / c.heads : 0)
            let block = Saturating.sum(Saturating.product(2, c.dim, c.dim), Saturating.product(2, kv, c.dim),
                                       Saturating.product(3, c.hidden, c.dim), Saturating.product(2, c.dim))
            return Saturating.sum(Saturating.product(2, c.vocabulary, c.dim), Saturating.product(c.layers, block), c.dim)
        }
    }

    /// About how many scratch numbers the network preallocates for batches of `batch` examples
    /// (an upper estimate of its arena, saturating).
    public func scratchEstimate(batch: Int) -> Int {
        switch self {
        case .mlp(let c):
            let widths = c.widths
            let widest = widths.max() ?? 0
            let perExample = Saturating.sum(widths.reduce(0) { Saturating.sum($0, Saturating.product(2, $1)) }, Saturating.product(4, widest))
            var largestLayer = 0
            for i in 0..<(widths.count - 1) { largestLayer = max(largestLayer, Saturating.product(widths[i], widths[i + 1])) }
            return Saturating.sum(Saturating.product(batch, perExample), largestLayer)
        case .transformer(let c):
            let tokens = Saturating.product(batch, c.context)
            let widths = Saturating.sum(Saturating.product(12, c.dim), Saturating.product(6, c.hidden))
            let perLayer = Saturating.sum(Saturating.product(tokens, widths), Saturating.product(batch, c.heads, c.context, c.context))
            return Saturating.sum(Saturating.product(c.layers + 1, perLayer), Saturating.product(4, tokens, c.vocabulary),
                                  Saturating.product(c.hidden, c.dim), Saturating.product(c.vocabulary, c.dim))
        }
    }

    /// Builds the network in the given precision with scratch for `maximumBatch` examples.
    public func makeNetwork<Scalar: OptimizerScalar>(_ scalar: Scalar.Type, maximumBatch: Int) throws(ModelConfigurationError) -> any NeuralNetwork<Scalar> {
        let count = parameterCount
        guard count <= Self.maximumParameters else {
            throw .unsupported("the model would have \(count == .max ? "more than 2^63" : "\(count)") parameters; descent builds models of at most \(Self.maximumParameters)")
        }
        let scratch = scratchEstimate(batch: maximumBatch)
        guard scratch <= Self.maximumScratch else {
            throw .unsupported("a batch of \(maximumBatch) would need about \(scratch == .max ? "more than 2^63" : "\(scratch)") numbers of activation memory; descent allows \(Self.maximumScratch) (use a smaller \(field: .batch), \(field: .context) or model)")
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

/// Integer arithmetic that sticks at Int.max instead of trapping, for sizes a user typed.
enum Saturating {
    static func product(_ factors: Int...) -> Int {
        factors.reduce(1) { total, x in
            let (value, overflow) = total.multipliedReportingOverflow(by: x)
            return overflow ? .max : value
        }
    }

    static func sum(_ terms: Int...) -> Int {
        terms.reduce(0) { total, x in
            let (value, overflow) = total.addingReportingOverflow(x)
            return overflow ? .max : value
        }
    }
}
