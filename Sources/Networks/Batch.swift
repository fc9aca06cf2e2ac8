/// A batch of examples in the shape a network reads; refilled in place every step so training
/// allocates nothing once the arrays have reached their size.
public struct Batch: Sendable, Equatable {
    /// Number of examples.
    public var rows: Int
    /// Token sequences, (rows, context), for the transformer.
    public var tokens: [Int32]
    /// Real-valued inputs, (rows, inputs), for the MLP.
    public var features: [Double]
    /// Class targets: (rows, context) for token tasks, (rows) for feature tasks; -1 is ignored.
    public var targets: [Int32]

    /// An empty batch.
    public init() {
        rows = 0
        tokens = []
        features = []
        targets = []
    }

    /// Creates a batch from its parts.
    public init(rows: Int, tokens: [Int32] = [], features: [Double] = [], targets: [Int32]) {
        self.rows = rows
        self.tokens = tokens
        self.features = features
        self.targets = targets
    }

    /// Empties the batch but keeps the arrays' capacity.
    public mutating func removeAll() {
        rows = 0
        tokens.removeAll(keepingCapacity: true)
        features.removeAll(keepingCapacity: true)
        targets.removeAll(keepingCapacity: true)
    }
}
