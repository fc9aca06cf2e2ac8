import OptimizerCore
import RealModule

/// The gated activation of Llama's MLP: a = silu(gate) * up, elementwise.
enum SwiGLU {
    /// a = silu(gate) * up over `count` elements.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func forward<Scalar: OptimizerScalar>(
        _ a: UnsafeMutablePointer<Scalar>, gate: UnsafePointer<Scalar>, up: UnsafePointer<Scalar>, count: Int
    ) {
        for i in 0..<count {
            let g = gate[i]
            a[i] = g / (1 + Scalar.exp(-g)) * up[i]
        }
    }

    /// dgate, dup (overwritten) from da; silu'(g) = s * (1 + g * (1 - s)) with s = sigmoid(g).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func backward<Scalar: OptimizerScalar>(
        dgate: UnsafeMutablePointer<Scalar>, dup: UnsafeMutablePointer<Scalar>, da: UnsafePointer<Scalar>,
        gate: UnsafePointer<Scalar>, up: UnsafePointer<Scalar>, count: Int
    ) {
        for i in 0..<count {
            let g = gate[i]
            let s = 1 / (1 + Scalar.exp(-g))
            dup[i] = da[i] * g * s
            dgate[i] = da[i] * up[i] * s * (1 + g * (1 - s))
        }
    }
}
