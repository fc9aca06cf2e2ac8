import Networks

extension NetworkField {
    /// The key of a network problem's `[problem]` table that sets this field.
    public var scenarioKey: String {
        switch self {
        case .modulus: "modulus"
        case .trainFraction: "train_fraction"
        case .points: "points"
        case .classes: "classes"
        case .text: "text"
        case .context: "context"
        case .dim: "dim"
        case .layers: "layers"
        case .heads: "heads"
        case .kvHeads: "kv_heads"
        case .hidden: "hidden"
        case .batch: "batch"
        }
    }
}
