/// A setting of a network's dataset or model that a user chooses, named as its configuration
/// property; the command line words it as a flag and a scenario file as a key.
public enum NetworkField: String, CaseIterable, Sendable {
    /// The modulus p of modular addition.
    case modulus
    /// The share of modular-addition pairs that trains.
    case trainFraction
    /// Points of the spirals or blobs dataset.
    case points
    /// Number of Gaussian blobs.
    case classes
    /// The text file of the character-level task.
    case text
    /// The transformer's sequence length.
    case context
    /// The transformer's width.
    case dim
    /// Transformer blocks.
    case layers
    /// Attention heads.
    case heads
    /// Key/value heads.
    case kvHeads
    /// Hidden widths (the MLP's layers, or the transformer's SwiGLU width).
    case hidden
    /// Examples per step.
    case batch
}
