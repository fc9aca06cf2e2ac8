/// Short labels for a network's tensor names that stay unambiguous.
///
/// `model.layers.0.self_attn.q_proj.weight` becomes `layers.0.attn.q`: the model prefix, the
/// `.weight` suffix and Llama's `_proj` are dropped, `self_attn` and the two norms get short names.
/// A label that would be shared by two tensors falls back to the full names of both.
enum TensorLabels {
    /// Replacements applied in order to each name.
    static let replacements: [(String, String)] = [
        ("self_attn.", "attn."), ("input_layernorm", "attn_norm"), ("post_attention_layernorm", "mlp_norm"),
        ("embed_tokens", "embed"), ("_proj", ""),
    ]

    /// The labels of `names`, in order.
    static func labels(_ names: [String]) -> [String] {
        let short = names.map(shorten)
        var uses: [String: Int] = [:]
        for label in short { uses[label, default: 0] += 1 }
        return zip(names, short).map { name, label in uses[label, default: 0] > 1 ? name : label }
    }

    /// One name shortened (may be ambiguous: `labels` checks).
    static func shorten(_ name: String) -> String {
        var label = name
        if label.hasPrefix("model.") { label.removeFirst("model.".count) }
        if label.hasSuffix(".weight") { label.removeLast(".weight".count) }
        for (long, short) in replacements { label = label.replacingOccurrences(of: long, with: short) }
        return label.isEmpty ? name : label
    }

    /// Shorter labels for a narrow panel: `layers.0.attn.q` becomes `0.attn.q`, unless that
    /// makes two of them alike.
    static func compact(_ labels: [String]) -> [String] {
        let short = labels.map { $0.hasPrefix("layers.") ? String($0.dropFirst("layers.".count)) : $0 }
        return Set(short).count == short.count ? short : labels
    }
}
