/// The shape of the decoder-only transformer: sizes only, Codable for checkpoints.
public struct TransformerConfiguration: Codable, Sendable, Hashable {
    /// Token vocabulary size.
    public var vocabulary: Int
    /// Sequence length T.
    public var context: Int
    /// Model width C.
    public var dim: Int
    /// Number of blocks L.
    public var layers: Int
    /// Query heads H.
    public var heads: Int
    /// Key/value heads (grouped-query attention when fewer than `heads`).
    public var kvHeads: Int
    /// SwiGLU hidden width F.
    public var hidden: Int
    /// RoPE frequency base.
    public var ropeBase: Double
    /// RMSNorm epsilon.
    public var normEpsilon: Double

    /// Creates a configuration; call `validate()` before building a model from user input.
    public init(vocabulary: Int, context: Int, dim: Int, layers: Int, heads: Int, kvHeads: Int? = nil,
                hidden: Int? = nil, ropeBase: Double = 10_000, normEpsilon: Double = 1e-5) {
        self.vocabulary = vocabulary
        self.context = context
        self.dim = dim
        self.layers = layers
        self.heads = heads
        self.kvHeads = kvHeads ?? heads
        self.hidden = hidden ?? 4 * dim
        self.ropeBase = ropeBase
        self.normEpsilon = normEpsilon
    }

    /// Elements per head.
    public var headSize: Int { dim / heads }

    /// Checks the sizes fit together, naming the setting to change when they do not.
    public func validate() throws(ModelConfigurationError) {
        for (field, value) in [(NetworkField.dim, dim), (.layers, layers), (.heads, heads), (.kvHeads, kvHeads),
                               (.hidden, hidden), (.context, context)] where value < 1 {
            throw .invalid(field, value: "\(value)", reason: "must be at least 1")
        }
        guard dim % heads == 0 else {
            throw .invalid(.heads, value: "\(heads)", reason: "must divide \(field: .dim) \(dim)")
        }
        guard heads % kvHeads == 0 else {
            throw .invalid(.kvHeads, value: "\(kvHeads)", reason: "must divide \(field: .heads) \(heads)")
        }
        guard headSize % 2 == 0 else {
            throw .invalid(.heads, value: "\(heads)",
                           reason: "gives a head size of \(headSize); RoPE needs an even head size (\(field: .dim) / \(field: .heads))")
        }
    }
}
