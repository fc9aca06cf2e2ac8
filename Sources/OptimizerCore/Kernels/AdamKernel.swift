/// The fused Adam/AdamW update over a range of coordinates: one pass reads p, g, m, v (and
/// vmax) and writes them back, in lanes, with the scalar tail computed by the same formulas.
struct AdamKernel<T: OptimizerScalar>: RangeKernel {
    struct Buffers {
        let p: UnsafeMutablePointer<T>
        let g: UnsafePointer<T>
        let m: UnsafeMutablePointer<T>
        let v: UnsafeMutablePointer<T>
        let vMax: UnsafeMutablePointer<T>?
    }

    struct Settings {
        let coefficients: AdamCoefficients<T>
        /// 0 when there is no L2 term.
        let l2: T
        /// 1 when there is no decoupled decay.
        let decayFactor: T
        let hasL2: Bool
        let hasDecoupled: Bool
    }

    let b: Buffers
    let s: Settings

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func run(_ range: Range<Int>) {
        let c = s.coefficients
        let fromStart = abs(c.oneMinusBeta1) < 0.5
        var i = range.lowerBound
        let end = range.upperBound
        while i + 8 <= end {
            var p = loadLanes(b.p + i)
            var d = loadLanes(b.g + i)
            if s.hasL2 { d = d + s.l2 * p }
            if s.hasDecoupled { p = p * s.decayFactor }
            let m = lerpLanes(loadLanes(b.m + i), d, weight: c.oneMinusBeta1, fromStart: fromStart)
            storeLanes(m, b.m + i)
            let v = loadLanes(b.v + i) * c.beta2 + c.oneMinusBeta2 * d * d
            storeLanes(v, b.v + i)
            var second = v
            if let vMax = b.vMax {
                second = pointwiseMax(loadLanes(vMax + i), v)
                storeLanes(second, vMax + i)
            }
            let denominator = second.squareRoot() / c.biasCorrection2Sqrt + c.eps
            p = p + c.negativeStepSize * m / denominator
            storeLanes(p, b.p + i)
            i += 8
        }
        while i < end {
            var p = b.p[i]
            var d = b.g[i]
            if s.hasL2 { d = d + s.l2 * p }
            if s.hasDecoupled { p = p * s.decayFactor }
            let m = Lerp.torch(b.m[i], d, weight: c.oneMinusBeta1)
            b.m[i] = m
            let v = b.v[i] * c.beta2 + c.oneMinusBeta2 * d * d
            b.v[i] = v
            var second = v
            if let vMax = b.vMax {
                second = Swift.max(vMax[i], v)
                vMax[i] = second
            }
            let denominator = second.squareRoot() / c.biasCorrection2Sqrt + c.eps
            b.p[i] = p + c.negativeStepSize * m / denominator
            i += 1
        }
    }
}
