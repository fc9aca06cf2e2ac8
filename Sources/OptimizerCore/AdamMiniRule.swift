/// Which of the official Adam-mini name rules a tensor fell under, and so how it is cut.
public enum AdamMiniRule: String, Codable, Sendable, Hashable, CaseIterable {
    /// Name contains "bias": one block per coordinate (plain Adam).
    case perCoordinate = "coordinate"
    /// Query/key projections: one block per attention head.
    case perHead = "head"
    /// Embeddings, output heads, value/projection/MLP weights: one block per row (token or neuron).
    case perRow = "row"
    /// Everything else (norms, position embeddings, unmatched): one block for the whole tensor.
    case wholeTensor = "tensor"
}
