/// Names the tensors that live, one after another, in a single flat parameter buffer.
///
/// Parameters, gradients and every per-parameter optimizer state vector (m, v, ...) use the same
/// layout, so one index means the same coordinate in all of them (the llm.c convention). A 2D
/// surface is one tensor named `xy`; a block quadratic is `block0`, `block1`, ...; a network is
/// its named weights.
public struct ParameterLayout: Codable, Sendable, Hashable {
    /// The tensors in buffer order; offsets are contiguous and start at 0.
    public private(set) var tensors: [TensorSpec]

    /// Total number of scalar parameters.
    public var count: Int { tensors.last.map { $0.offset + $0.count } ?? 0 }

    /// Lays out the given tensors back to back.
    ///
    /// - Precondition: every dimension is positive and names are unique (both are programmer
    ///   errors here: file input is validated before it reaches the core).
    public init(_ tensors: [(name: String, shape: [Int])]) {
        var offset = 0
        var specs: [TensorSpec] = []
        var seen = Set<String>()
        for (name, shape) in tensors {
            precondition(shape.allSatisfy { $0 > 0 }, "tensor \(name) has a non-positive dimension")
            precondition(seen.insert(name).inserted, "duplicate tensor name \(name)")
            let spec = TensorSpec(name: name, shape: shape, offset: offset)
            specs.append(spec)
            offset += spec.count
        }
        self.tensors = specs
    }

    /// A layout with a single tensor.
    public init(single name: String, count: Int) {
        self.init([(name, [count])])
    }

    /// The tensor with this name, if any.
    public subscript(name: String) -> TensorSpec? {
        tensors.first { $0.name == name }
    }
}
