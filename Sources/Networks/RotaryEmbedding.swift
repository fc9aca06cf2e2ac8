import OptimizerCore
import RealModule

/// Rotary position embedding (RoPE) in Llama's `rotate_half` convention: within each head,
/// coordinate i pairs with i + headSize/2 and turns by position * base^(-2i/headSize).
///
/// RoPE has no parameters, which keeps the parameter names exactly Llama's.
struct RotaryEmbedding<Scalar: OptimizerScalar> {
    /// cos and sin tables, (context, headSize/2) each, computed in Double and rounded once.
    let cosines: [Scalar]
    let sines: [Scalar]
    let headSize: Int

    /// Tables for positions 0..<context.
    init(context: Int, headSize: Int, base: Double) {
        precondition(headSize % 2 == 0, "RoPE needs an even head size")
        let half = headSize / 2
        var cosines: [Scalar] = [], sines: [Scalar] = []
        for position in 0..<context {
            for i in 0..<half {
                let frequency = 1 / Double.pow(base, Double(2 * i) / Double(headSize))
                let angle = Double(position) * frequency
                cosines.append(Scalar(Double.cos(angle)))
                sines.append(Scalar(Double.sin(angle)))
            }
        }
        self.cosines = cosines
        self.sines = sines
        self.headSize = headSize
    }

    /// Rotates every head of x (rows = batch * context, heads * headSize) in place; `inverse`
    /// turns the other way, which is the backward pass (a rotation's transpose is its inverse).
    func apply(_ x: UnsafeMutablePointer<Scalar>, rows: Int, context: Int, heads: Int, inverse: Bool) {
        let half = headSize / 2
        cosines.withUnsafeBufferPointer { cosTable in
            sines.withUnsafeBufferPointer { sinTable in
                for n in 0..<rows {
                    let position = n % context
                    let c = cosTable.baseAddress! + position * half
                    let s = sinTable.baseAddress! + position * half
                    for h in 0..<heads {
                        let v = x + n * heads * headSize + h * headSize
                        for i in 0..<half {
                            let a = v[i], b = v[i + half]
                            let sine = inverse ? -s[i] : s[i]
                            v[i] = a * c[i] - b * sine
                            v[i + half] = b * c[i] + a * sine
                        }
                    }
                }
            }
        }
    }
}
