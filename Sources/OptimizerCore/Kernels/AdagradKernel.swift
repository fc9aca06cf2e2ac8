/// The fused AdaGrad update over a range of coordinates.
struct AdagradKernel<T: OptimizerScalar>: RangeKernel {
    let p: UnsafeMutablePointer<T>
    let g: UnsafePointer<T>
    let sum: UnsafeMutablePointer<T>
    let negativeCLR: T
    let weightDecay: T
    let hasDecay: Bool
    let eps: T

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func run(_ range: Range<Int>) {
        var i = range.lowerBound
        let end = range.upperBound
        while i + 8 <= end {
            let pv = loadLanes(p + i)
            var d = loadLanes(g + i)
            if hasDecay { d = d + weightDecay * pv }
            let s = loadLanes(sum + i) + d * d
            storeLanes(s, sum + i)
            storeLanes(pv + negativeCLR * d / (s.squareRoot() + eps), p + i)
            i += 8
        }
        while i < end {
            let d = hasDecay ? g[i] + weightDecay * p[i] : g[i]
            sum[i] = sum[i] + d * d
            p[i] = p[i] + negativeCLR * d / (sum[i].squareRoot() + eps)
            i += 1
        }
    }
}
