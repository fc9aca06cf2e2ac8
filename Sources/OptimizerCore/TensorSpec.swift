/// One named tensor inside a flat parameter buffer: its name, shape and where it starts.
public struct TensorSpec: Codable, Sendable, Hashable {
    /// The tensor's name, e.g. `model.layers.0.self_attn.q_proj.weight` or `xy`.
    public var name: String
    /// The shape, outermost dimension first (PyTorch's `(out, in)` order for weights).
    public var shape: [Int]
    /// Index of the first element in the flat buffer.
    public var offset: Int

    /// Number of elements: the product of the shape (1 for a scalar).
    public var count: Int { shape.reduce(1, *) }

    /// The elements' index range in the flat buffer.
    public var range: Range<Int> { offset..<(offset + count) }

    /// Creates a spec; the layout assigns offsets, so most callers use `ParameterLayout`.
    public init(name: String, shape: [Int], offset: Int) {
        self.name = name
        self.shape = shape
        self.offset = offset
    }
}
