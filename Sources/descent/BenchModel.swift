import OptimizerCore

/// The parameter layout `descent bench` steps: a Llama-style decoder's tensors with their real
/// names, sized to about the requested parameter count, so Adam-mini uses its official partition
/// (per-head queries and keys, per-row values, projections, MLPs, embeddings and output).
struct BenchModel {
    let layout: ParameterLayout
    let dim: Int
    let heads: Int
    let layers: Int
    let vocabulary: Int

    /// A model of about `parameters` parameters: width 512, 8 heads and an MLP of 1376 (2.7 x
    /// width) from about 6.4M parameters up; narrower for smaller sizes so that one layer fits.
    init(parameters: Int) {
        var width = 512
        while width > 32 && 2 * 3200 * width / 4 + 4 * width * width + 3 * width * (width * 43 / 16) > parameters {
            width /= 2
        }
        dim = width
        heads = 8
        let hidden = width * 43 / 16
        let perLayer = 4 * dim * dim + 3 * dim * hidden + 2 * dim
        vocabulary = width == 512 ? 3200 : 800
        let embeddings = 2 * vocabulary * dim + dim
        layers = max(1, Int((Double(parameters - embeddings) / Double(perLayer)).rounded()))
        var tensors: [(String, [Int])] = [("model.embed_tokens.weight", [vocabulary, dim])]
        for i in 0..<layers {
            let prefix = "model.layers.\(i)."
            tensors += [
                (prefix + "self_attn.q_proj.weight", [dim, dim]), (prefix + "self_attn.k_proj.weight", [dim, dim]),
                (prefix + "self_attn.v_proj.weight", [dim, dim]), (prefix + "self_attn.o_proj.weight", [dim, dim]),
                (prefix + "mlp.gate_proj.weight", [hidden, dim]), (prefix + "mlp.up_proj.weight", [hidden, dim]),
                (prefix + "mlp.down_proj.weight", [dim, hidden]),
                (prefix + "input_layernorm.weight", [dim]), (prefix + "post_attention_layernorm.weight", [dim]),
            ]
        }
        tensors += [("model.norm.weight", [dim]), ("lm_head.weight", [vocabulary, dim])]
        layout = ParameterLayout(tensors.map { ($0.0, $0.1) })
    }

    /// Adam-mini's official partition for this model.
    var partition: PartitionStrategy {
        .official(AdamMiniNameRules(dim: dim, heads: heads))
    }
}
