import OptimizerCore

/// A Llama-style decoder-only transformer with hand-written backward pass.
///
/// Token embedding, `layers` blocks of (RMSNorm, causal self-attention with RoPE and optional
/// grouped-query heads, residual, RMSNorm, SwiGLU MLP, residual), final RMSNorm and output head.
/// Parameter names are Hugging Face Llama's, weights (out, in) like nn.Linear, so Adam-mini's
/// official name rules apply unchanged. Positions come from RoPE, which has no parameters.
public final class Transformer<Scalar: OptimizerScalar>: NeuralNetwork {
    /// The sizes.
    public let configuration: TransformerConfiguration
    /// The named tensors, in PyTorch `state_dict` order.
    public let layout: ParameterLayout
    /// The largest batch the scratch buffers hold.
    public let maximumBatch: Int
    let offsets: TransformerOffsets
    let activations: TransformerActivations<Scalar>
    let rope: RotaryEmbedding<Scalar>

    /// Builds the model and preallocates scratch for batches of up to `maximumBatch` sequences.
    public init(_ configuration: TransformerConfiguration, maximumBatch: Int) throws(ModelConfigurationError) {
        try configuration.validate()
        self.configuration = configuration
        self.maximumBatch = maximumBatch
        layout = Self.layout(configuration)
        offsets = TransformerOffsets(layout: layout, layers: configuration.layers)
        activations = TransformerActivations(configuration, batch: maximumBatch)
        rope = RotaryEmbedding(context: configuration.context, headSize: configuration.headSize, base: configuration.ropeBase)
    }

    /// The Llama tensor names and (out, in) shapes, in `state_dict` order.
    public static func layout(_ c: TransformerConfiguration) -> ParameterLayout {
        let kv = c.kvHeads * c.headSize
        var tensors: [(name: String, shape: [Int])] = [("model.embed_tokens.weight", [c.vocabulary, c.dim])]
        for i in 0..<c.layers {
            let p = "model.layers.\(i)."
            tensors += [
                (p + "self_attn.q_proj.weight", [c.dim, c.dim]),
                (p + "self_attn.k_proj.weight", [kv, c.dim]),
                (p + "self_attn.v_proj.weight", [kv, c.dim]),
                (p + "self_attn.o_proj.weight", [c.dim, c.dim]),
                (p + "mlp.gate_proj.weight", [c.hidden, c.dim]),
                (p + "mlp.up_proj.weight", [c.hidden, c.dim]),
                (p + "mlp.down_proj.weight", [c.dim, c.hidden]),
                (p + "input_layernorm.weight", [c.dim]),
                (p + "post_attention_layernorm.weight", [c.dim]),
            ]
        }
        tensors += [("model.norm.weight", [c.dim]), ("lm_head.weight", [c.vocabulary, c.dim])]
        return ParameterLayout(tensors)
    }

    /// Adam-mini's official name rules, sized for this model.
    public var defaultPartition: PartitionStrategy {
        .official(AdamMiniNameRules(dim: configuration.dim, heads: configuration.heads, kvHeads: configuration.kvHeads))
    }

    /// Norm weights 1; embeddings N(0, 1); linear weights N(0, 1/in), with the projections that
    /// write into the residual stream (o_proj, down_proj) further scaled by 1/sqrt(2 layers) as in GPT-2.
    public func initialParameters(generator: inout SeededGenerator) -> [Scalar] {
        var parameters: [Scalar] = []
        parameters.reserveCapacity(layout.count)
        let residualScale = 1 / Double(2 * configuration.layers).squareRoot()
        for tensor in layout.tensors {
            if tensor.shape.count == 1 {
                parameters += [Scalar](repeating: 1, count: tensor.count)
                continue
            }
            var std = tensor.name.contains("embed_tokens") ? 1 : 1 / Double(tensor.shape[1]).squareRoot()
            if tensor.name.contains("o_proj") || tensor.name.contains("down_proj") { std *= residualScale }
            for _ in 0..<tensor.count { parameters.append(Scalar(generator.nextGaussian() * std)) }
        }
        return parameters
    }

    /// Forward pass and, with `gradients`, backward pass over `batch`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func run(parameters: UnsafePointer<Scalar>, gradients: UnsafeMutablePointer<Scalar>?, batch: Batch) -> BatchResult {
        let c = configuration
        let (B, T, C, V) = (batch.rows, c.context, c.dim, c.vocabulary)
        precondition(B <= maximumBatch, "batch larger than the preallocated scratch")
        precondition(batch.tokens.count == B * T && batch.targets.count == B * T, "batch does not match the context")
        let N = B * T
        let a = activations
        let normaliser = batch.targets.reduce(0) { $0 + ($1 == SoftmaxCrossEntropy.ignored ? 0 : 1) }
        return batch.tokens.withUnsafeBufferPointer { tokenBuffer in
            batch.targets.withUnsafeBufferPointer { targetBuffer in
                let tokens = tokenBuffer.baseAddress!, targets = targetBuffer.baseAddress!
                let w = { (offset: Int) in parameters + offset }
                Embedding.forward(a.residual[0], table: w(offsets.embedding), tokens: tokens, rows: N, width: C)
                for l in 0..<c.layers { forwardLayer(l, parameters: parameters, batch: B) }
                RMSNorm.forward(a.finalNorm, rstd: a.finalRstd, a.residual[c.layers], w(offsets.finalNorm),
                                rows: N, width: C, eps: Scalar(c.normEpsilon))
                Linear.forward(a.logits, a.finalNorm, w(offsets.head), nil, rows: N, inputs: C, outputs: V)
                let result = SoftmaxCrossEntropy.evaluate(logits: a.logits, targets: targets, rows: N, classes: V,
                                                          gradient: gradients != nil, normaliser: normaliser)
                if let gradients {
                    gradients.update(repeating: 0, count: layout.count)
                    backward(parameters: parameters, gradients: gradients, batch: B, tokens: tokens)
                }
                return result
            }
        }
    }

    private func forwardLayer(_ l: Int, parameters: UnsafePointer<Scalar>, batch B: Int) {
        let c = configuration, a = activations, o = offsets.layers[l], s = a.layers[l]
        let (T, C, F, KVd) = (c.context, c.dim, c.hidden, c.kvHeads * c.headSize)
        let N = B * T
        let eps = Scalar(c.normEpsilon)
        let w = { (offset: Int) in parameters + offset }
        // Attention branch: x (N, C) -> norm -> q (N, C), k, v (N, KVd) -> attention y (N, C) -> o_proj.
        RMSNorm.forward(s.norm1, rstd: s.rstd1, a.residual[l], w(o.norm1), rows: N, width: C, eps: eps)
        Linear.forward(s.q, s.norm1, w(o.q), nil, rows: N, inputs: C, outputs: C)
        Linear.forward(s.k, s.norm1, w(o.k), nil, rows: N, inputs: C, outputs: KVd)
        Linear.forward(s.v, s.norm1, w(o.v), nil, rows: N, inputs: C, outputs: KVd)
        rope.apply(s.q, rows: N, context: T, heads: c.heads, inverse: false)
        rope.apply(s.k, rows: N, context: T, heads: c.kvHeads, inverse: false)
        attention(B).forward(y: s.attentionOutput, att: s.probabilities, q: s.q, k: s.k, v: s.v)
        Linear.forward(s.middle, s.attentionOutput, w(o.o), nil, rows: N, inputs: C, outputs: C)
        add(s.middle, a.residual[l], count: N * C)
        // MLP branch: middle (N, C) -> norm -> gate, up (N, F) -> silu(gate) * up -> down_proj (N, C).
        RMSNorm.forward(s.norm2, rstd: s.rstd2, s.middle, w(o.norm2), rows: N, width: C, eps: eps)
        Linear.forward(s.gate, s.norm2, w(o.gate), nil, rows: N, inputs: C, outputs: F)
        Linear.forward(s.up, s.norm2, w(o.up), nil, rows: N, inputs: C, outputs: F)
        SwiGLU.forward(s.activation, gate: s.gate, up: s.up, count: N * F)
        Linear.forward(a.residual[l + 1], s.activation, w(o.down), nil, rows: N, inputs: F, outputs: C)
        add(a.residual[l + 1], s.middle, count: N * C)
    }

    private func backward(parameters: UnsafePointer<Scalar>, gradients: UnsafeMutablePointer<Scalar>, batch B: Int,
                          tokens: UnsafePointer<Int32>) {
        let c = configuration, a = activations, g = a.gradients
        let (T, C, V) = (c.context, c.dim, c.vocabulary)
        let N = B * T
        let w = { (offset: Int) in parameters + offset }
        let dw = { (offset: Int) in gradients + offset }
        // a.logits now holds dloss/dlogits (N, V).
        Linear.backward(dx: g.normed, dw: dw(offsets.head), db: nil, dy: a.logits, x: a.finalNorm, w: w(offsets.head),
                        rows: N, inputs: C, outputs: V, scratch: g.linearScratch)
        g.residual.update(repeating: 0, count: N * C)
        RMSNorm.backward(dx: g.residual, dw: dw(offsets.finalNorm), dy: g.normed, x: a.residual[c.layers],
                         w: w(offsets.finalNorm), rstd: a.finalRstd, rows: N, width: C)
        for l in stride(from: c.layers - 1, through: 0, by: -1) {
            backwardLayer(l, parameters: parameters, gradients: gradients, batch: B)
        }
        Embedding.backward(dtable: dw(offsets.embedding), dx: g.residual, tokens: tokens, rows: N, width: C)
    }

    /// On entry g.residual is dloss/d(output of layer l); on exit, dloss/d(input of layer l).
    private func backwardLayer(_ l: Int, parameters: UnsafePointer<Scalar>, gradients: UnsafeMutablePointer<Scalar>, batch B: Int) {
        let c = configuration, a = activations, g = a.gradients, o = offsets.layers[l], s = a.layers[l]
        let (T, C, F, KVd) = (c.context, c.dim, c.hidden, c.kvHeads * c.headSize)
        let N = B * T
        let w = { (offset: Int) in parameters + offset }
        let dw = { (offset: Int) in gradients + offset }
        // MLP branch; the residual passes g.residual through unchanged and the norm adds to it.
        Linear.backward(dx: g.hidden, dw: dw(o.down), db: nil, dy: g.residual, x: s.activation, w: w(o.down),
                        rows: N, inputs: F, outputs: C, scratch: g.linearScratch)
        SwiGLU.backward(dgate: g.gate, dup: g.up, da: g.hidden, gate: s.gate, up: s.up, count: N * F)
        Linear.backward(dx: g.normed, dw: dw(o.gate), db: nil, dy: g.gate, x: s.norm2, w: w(o.gate), rows: N, inputs: C, outputs: F,
                        scratch: g.linearScratch)
        Linear.backward(dx: g.normed, dw: dw(o.up), db: nil, dy: g.up, x: s.norm2, w: w(o.up), rows: N, inputs: C, outputs: F,
                        scratch: g.linearScratch,
                        accumulateInput: true)
        RMSNorm.backward(dx: g.residual, dw: dw(o.norm2), dy: g.normed, x: s.middle, w: w(o.norm2), rstd: s.rstd2, rows: N, width: C)
        // Attention branch.
        Linear.backward(dx: g.attentionOutput, dw: dw(o.o), db: nil, dy: g.residual, x: s.attentionOutput, w: w(o.o),
                        rows: N, inputs: C, outputs: C, scratch: g.linearScratch)
        attention(B).backward(dq: g.q, dk: g.k, dv: g.v, scratch: g.scores, dy: g.attentionOutput, att: s.probabilities,
                              q: s.q, k: s.k, v: s.v)
        rope.apply(g.q, rows: N, context: T, heads: c.heads, inverse: true)
        rope.apply(g.k, rows: N, context: T, heads: c.kvHeads, inverse: true)
        Linear.backward(dx: g.normed, dw: dw(o.q), db: nil, dy: g.q, x: s.norm1, w: w(o.q), rows: N, inputs: C, outputs: C, scratch: g.linearScratch)
        Linear.backward(dx: g.normed, dw: dw(o.k), db: nil, dy: g.k, x: s.norm1, w: w(o.k), rows: N, inputs: C, outputs: KVd, scratch: g.linearScratch,
                        accumulateInput: true)
        Linear.backward(dx: g.normed, dw: dw(o.v), db: nil, dy: g.v, x: s.norm1, w: w(o.v), rows: N, inputs: C, outputs: KVd, scratch: g.linearScratch,
                        accumulateInput: true)
        RMSNorm.backward(dx: g.residual, dw: dw(o.norm1), dy: g.normed, x: a.residual[l], w: w(o.norm1), rstd: s.rstd1,
                         rows: N, width: C)
    }

    private func attention(_ batch: Int) -> CausalSelfAttention {
        CausalSelfAttention(batch: batch, context: configuration.context, heads: configuration.heads,
                            kvHeads: configuration.kvHeads, headSize: configuration.headSize)
    }

    private func add(_ target: UnsafeMutablePointer<Scalar>, _ source: UnsafePointer<Scalar>, count: Int) {
        for i in 0..<count { target[i] += source[i] }
    }
}
