/// The attention geometry a config describes: what a user of the official Adam-mini passes as
/// `dim`, `n_heads` and `n_kv_heads`, and the head width the model really uses.
public struct AttentionGeometry: Sendable, Equatable {
    /// `hidden_size` (or GPT-2's `n_embd`).
    public var dim: Int?
    /// `num_attention_heads` (or `n_head`).
    public var heads: Int?
    /// `num_key_value_heads`; the head count when the config has none.
    public var kvHeads: Int?
    /// `head_dim`; dim / heads when the config has none.
    public var headDim: Int?

    /// Creates a geometry.
    public init(dim: Int?, heads: Int?, kvHeads: Int?, headDim: Int?) {
        self.dim = dim
        self.heads = heads
        self.kvHeads = kvHeads
        self.headDim = headDim
    }
}

extension ModelConfig {
    /// An integer setting: as written, else the config class's default.
    func integer(_ key: String) -> Int? {
        integers[key] ?? (nullKeys.contains(key) ? nil : ModelArchitecture(config: self)?.integerDefaults[key])
    }

    /// A boolean setting: as written, else the config class's default, else that of
    /// transformers' base config (which ties word embeddings), else false.
    func flag(_ key: String) -> Bool {
        flags[key] ?? ModelArchitecture(config: self)?.flagDefaults[key] ?? (key == "tie_word_embeddings")
    }

    /// Whether the output head shares the embedding's weights (`tie_word_embeddings`, else the
    /// config class's default).
    public var tiesWordEmbeddings: Bool { flag("tie_word_embeddings") }

    /// The attention geometry, with transformers' own fallbacks.
    public var attention: AttentionGeometry {
        let dim = integer("hidden_size") ?? integer("n_embd")
        let heads = integer("num_attention_heads") ?? integer("n_head")
        let kvHeads = integer("num_key_value_heads") ?? heads
        var headDim = integer("head_dim")
        if headDim == nil, let dim, let heads, heads > 0 { headDim = dim / heads }
        return AttentionGeometry(dim: dim, heads: heads, kvHeads: kvHeads, headDim: headDim)
    }
}
