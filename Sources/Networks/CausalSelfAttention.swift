import OptimizerCore
import RealModule

/// Multi-head causal self-attention with grouped-query heads, as paired kernels over
/// projected q, k, v (the projections themselves are `Linear`).
///
/// Query head h reads key/value head h / (heads / kvHeads), as Llama's `repeat_kv` does.
struct CausalSelfAttention {
    let batch: Int
    let context: Int
    let heads: Int
    let kvHeads: Int
    let headSize: Int

    /// y (B*T, H*hs) and probabilities att (B, H, T, T) from q (B*T, H*hs), k, v (B*T, KV*hs).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward<Scalar: OptimizerScalar>(
        y: UnsafeMutablePointer<Scalar>, att: UnsafeMutablePointer<Scalar>,
        q: UnsafePointer<Scalar>, k: UnsafePointer<Scalar>, v: UnsafePointer<Scalar>
    ) {
        let (T, H, KV, hs) = (context, heads, kvHeads, headSize)
        let scale = 1 / Scalar(hs).squareRoot()
        let group = H / KV
        let ys = SharedPointer(y), atts = SharedPointer(att), qs = SharedPointer(q), ks = SharedPointer(k), vs = SharedPointer(v)
        Parallelism.forEachRange(batch, work: batch * H * T * T * hs) { range in
            for b in range {
                for h in 0..<H {
                    let kvh = h / group
                    for t in 0..<T {
                        let qt = UnsafePointer(qs.base + (b * T + t) * H * hs + h * hs)
                        let row = atts.base + ((b * H + h) * T + t) * T
                        var maximum = -Scalar.greatestFiniteMagnitude
                        for t2 in 0...t {
                            let kt = UnsafePointer(ks.base + (b * T + t2) * KV * hs + kvh * hs)
                            let score = Linear.dot(qt, kt, hs) * scale
                            row[t2] = score
                            maximum = Swift.max(maximum, score)
                        }
                        var total: Scalar = 0
                        for t2 in 0...t {
                            let e = Scalar.exp(row[t2] - maximum)
                            row[t2] = e
                            total += e
                        }
                        let inverse = 1 / total
                        for t2 in 0..<T { row[t2] = t2 <= t ? row[t2] * inverse : 0 }
                        let yt = ys.base + (b * T + t) * H * hs + h * hs
                        yt.initialize(repeating: 0, count: hs)
                        for t2 in 0...t {
                            let vt = vs.base + (b * T + t2) * KV * hs + kvh * hs
                            let a = row[t2]
                            for i in 0..<hs { yt[i] += a * vt[i] }
                        }
                    }
                }
            }
        }
    }

    /// dq, dk, dv (overwritten) from dy and the saved probabilities; `scratch` holds B*T scalars.
    ///
    /// Through the softmax: dscore = att * (datt - sum(att * datt)).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward<Scalar: OptimizerScalar>(
        dq: UnsafeMutablePointer<Scalar>, dk: UnsafeMutablePointer<Scalar>, dv: UnsafeMutablePointer<Scalar>,
        scratch: UnsafeMutablePointer<Scalar>, dy: UnsafePointer<Scalar>, att: UnsafePointer<Scalar>,
        q: UnsafePointer<Scalar>, k: UnsafePointer<Scalar>, v: UnsafePointer<Scalar>
    ) {
        let (T, H, KV, hs) = (context, heads, kvHeads, headSize)
        let scale = 1 / Scalar(hs).squareRoot()
        let group = H / KV
        let dqs = SharedPointer(dq), dks = SharedPointer(dk), dvs = SharedPointer(dv), scratches = SharedPointer(scratch)
        let dys = SharedPointer(dy), atts = SharedPointer(att), qs = SharedPointer(q), ks = SharedPointer(k), vs = SharedPointer(v)
        Parallelism.forEachRange(batch, work: 2 * batch * H * T * T * hs) { range in
            for b in range {
                dqs.base.advanced(by: b * T * H * hs).initialize(repeating: 0, count: T * H * hs)
                dks.base.advanced(by: b * T * KV * hs).initialize(repeating: 0, count: T * KV * hs)
                dvs.base.advanced(by: b * T * KV * hs).initialize(repeating: 0, count: T * KV * hs)
                let dscore = scratches.base + b * T
                for h in 0..<H {
                    let kvh = h / group
                    for t in 0..<T {
                        let row = UnsafePointer(atts.base + ((b * H + h) * T + t) * T)
                        let dyt = UnsafePointer(dys.base + (b * T + t) * H * hs + h * hs)
                        var weighted: Scalar = 0
                        for t2 in 0...t {
                            let vt = UnsafePointer(vs.base + (b * T + t2) * KV * hs + kvh * hs)
                            let datt = Linear.dot(dyt, vt, hs)
                            dscore[t2] = datt
                            weighted += row[t2] * datt
                            let dvt = dvs.base + (b * T + t2) * KV * hs + kvh * hs
                            let a = row[t2]
                            for i in 0..<hs { dvt[i] += a * dyt[i] }
                        }
                        let qt = qs.base + (b * T + t) * H * hs + h * hs
                        let dqt = dqs.base + (b * T + t) * H * hs + h * hs
                        for t2 in 0...t {
                            let d = row[t2] * (dscore[t2] - weighted) * scale
                            let kt = ks.base + (b * T + t2) * KV * hs + kvh * hs
                            let dkt = dks.base + (b * T + t2) * KV * hs + kvh * hs
                            for i in 0..<hs {
                                dqt[i] += d * kt[i]
                                dkt[i] += d * qt[i]
                            }
                        }
                    }
                }
            }
        }
    }
}
