/// Global gradient-norm clipping as torch's `clip_grad_norm_` does it.
enum GradientClipping {
    /// The Euclidean norm of all gradients together, accumulated in Double.
    static func globalNorm(_ gradients: [Float]) -> Double {
        var sum = 0.0
        for g in gradients { sum += Double(g) * Double(g) }
        return sum.squareRoot()
    }

    /// Scales gradients by min(1, maximum / (norm + 1e-6)).
    static func clip(_ gradients: UnsafeMutableBufferPointer<Float>, norm: Double, maximum: Double) {
        let coefficient = maximum / (norm + 1e-6)
        guard coefficient < 1 else { return }
        let factor = Float(coefficient)
        for i in gradients.indices { gradients[i] *= factor }
    }
}
