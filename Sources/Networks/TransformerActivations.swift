import OptimizerCore

/// The transformer's preallocated activations (kept for the backward pass) and gradient scratch,
/// sized for B sequences of T tokens (N = B * T rows).
final class TransformerActivations<Scalar: OptimizerScalar> {
    /// One block's saved activations.
    struct Layer {
        let norm1: UnsafeMutablePointer<Scalar>        // (N, C)
        let rstd1: UnsafeMutablePointer<Scalar>        // (N)
        let q: UnsafeMutablePointer<Scalar>            // (N, C), after RoPE
        let k: UnsafeMutablePointer<Scalar>            // (N, KV * hs), after RoPE
        let v: UnsafeMutablePointer<Scalar>            // (N, KV * hs)
        let probabilities: UnsafeMutablePointer<Scalar> // (B, H, T, T)
        let attentionOutput: UnsafeMutablePointer<Scalar> // (N, C), before o_proj
        let middle: UnsafeMutablePointer<Scalar>       // (N, C), residual after attention
        let norm2: UnsafeMutablePointer<Scalar>        // (N, C)
        let rstd2: UnsafeMutablePointer<Scalar>        // (N)
        let gate: UnsafeMutablePointer<Scalar>         // (N, F)
        let up: UnsafeMutablePointer<Scalar>           // (N, F)
        let activation: UnsafeMutablePointer<Scalar>   // (N, F), silu(gate) * up
    }

    /// Gradient scratch shared by all blocks (the backward pass visits them one at a time).
    struct Gradients {
        let residual: UnsafeMutablePointer<Scalar>     // (N, C), dloss/d(residual stream)
        let normed: UnsafeMutablePointer<Scalar>       // (N, C), dloss/d(norm output)
        let q: UnsafeMutablePointer<Scalar>            // (N, C)
        let k: UnsafeMutablePointer<Scalar>            // (N, KV * hs)
        let v: UnsafeMutablePointer<Scalar>            // (N, KV * hs)
        let scores: UnsafeMutablePointer<Scalar>       // (B, T)
        let attentionOutput: UnsafeMutablePointer<Scalar> // (N, C)
        let hidden: UnsafeMutablePointer<Scalar>       // (N, F)
        let gate: UnsafeMutablePointer<Scalar>         // (N, F)
        let up: UnsafeMutablePointer<Scalar>           // (N, F)
        /// Room for the transposed operands of the largest `Linear.backward`.
        let linearScratch: UnsafeMutablePointer<Scalar>
    }

    /// Residual stream before each block and after the last: L + 1 buffers of (N, C).
    let residual: [UnsafeMutablePointer<Scalar>]
    let layers: [Layer]
    let finalNorm: UnsafeMutablePointer<Scalar>        // (N, C)
    let finalRstd: UnsafeMutablePointer<Scalar>        // (N)
    /// (N, V): logits, then dloss/dlogits after a training pass.
    let logits: UnsafeMutablePointer<Scalar>
    let gradients: Gradients
    private let arena = Arena<Scalar>()

    init(_ c: TransformerConfiguration, batch: Int) {
        let (T, C, F, V) = (c.context, c.dim, c.hidden, c.vocabulary)
        let N = batch * T, KVd = c.kvHeads * c.headSize
        let arena = self.arena
        residual = (0...c.layers).map { _ in arena.take(N * C) }
        layers = (0..<c.layers).map { _ in
            Layer(norm1: arena.take(N * C), rstd1: arena.take(N), q: arena.take(N * C), k: arena.take(N * KVd),
                  v: arena.take(N * KVd), probabilities: arena.take(batch * c.heads * T * T),
                  attentionOutput: arena.take(N * C), middle: arena.take(N * C), norm2: arena.take(N * C),
                  rstd2: arena.take(N), gate: arena.take(N * F), up: arena.take(N * F), activation: arena.take(N * F))
        }
        finalNorm = arena.take(N * C)
        finalRstd = arena.take(N)
        logits = arena.take(N * V)
        gradients = Gradients(residual: arena.take(N * C), normed: arena.take(N * C), q: arena.take(N * C),
                              k: arena.take(N * KVd), v: arena.take(N * KVd), scores: arena.take(N),
                              attentionOutput: arena.take(N * C), hidden: arena.take(N * F),
                              gate: arena.take(N * F), up: arena.take(N * F),
                              linearScratch: arena.take([(C, C), (C, KVd), (C, F), (F, C), (C, V)].map {
                                  Linear.scratchCount(rows: N, inputs: $0.0, outputs: $0.1)
                              }.max()!))
    }
}
