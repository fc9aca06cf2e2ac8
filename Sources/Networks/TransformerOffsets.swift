import OptimizerCore

/// Where each of the transformer's tensors starts in the flat buffer, looked up once by name.
struct TransformerOffsets {
    /// One block's tensors.
    struct Layer {
        let q, k, v, o, gate, up, down, norm1, norm2: Int
    }

    let embedding: Int
    let layers: [Layer]
    let finalNorm: Int
    let head: Int

    init(layout: ParameterLayout, layers count: Int) {
        func offset(_ name: String) -> Int { layout[name]!.offset }
        embedding = offset("model.embed_tokens.weight")
        layers = (0..<count).map { i in
            let p = "model.layers.\(i)."
            return Layer(q: offset(p + "self_attn.q_proj.weight"), k: offset(p + "self_attn.k_proj.weight"),
                         v: offset(p + "self_attn.v_proj.weight"), o: offset(p + "self_attn.o_proj.weight"),
                         gate: offset(p + "mlp.gate_proj.weight"), up: offset(p + "mlp.up_proj.weight"),
                         down: offset(p + "mlp.down_proj.weight"), norm1: offset(p + "input_layernorm.weight"),
                         norm2: offset(p + "post_attention_layernorm.weight"))
        }
        finalNorm = offset("model.norm.weight")
        head = offset("lm_head.weight")
    }
}
