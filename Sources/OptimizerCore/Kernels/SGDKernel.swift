/// The fused SGD update (plain, momentum, Nesterov, dampening, L2) over a range of coordinates.
struct SGDKernel<T: OptimizerScalar>: RangeKernel {
    struct Settings {
        let negativeLR: T
        let weightDecay: T
        let hasDecay: Bool
        let momentum: T
        /// 1 - dampening.
        let keep: T
        let firstStep: Bool
        let nesterov: Bool
    }

    let p: UnsafeMutablePointer<T>
    let g: UnsafePointer<T>
    /// The momentum buffer; nil for plain SGD.
    let buffer: UnsafeMutablePointer<T>?
    let s: Settings

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func run(_ range: Range<Int>) {
        if let buffer { momentum(range, buffer: buffer) } else { plain(range) }
    }

    @inline(__always)
    private func plain(_ range: Range<Int>) {
        var i = range.lowerBound
        let end = range.upperBound
        while i + 8 <= end {
            let pv = loadLanes(p + i)
            var d = loadLanes(g + i)
            if s.hasDecay { d = d + s.weightDecay * pv }
            storeLanes(pv + s.negativeLR * d, p + i)
            i += 8
        }
        while i < end {
            let d = s.hasDecay ? g[i] + s.weightDecay * p[i] : g[i]
            p[i] = p[i] + s.negativeLR * d
            i += 1
        }
    }

    @inline(__always)
    private func momentum(_ range: Range<Int>, buffer: UnsafeMutablePointer<T>) {
        var i = range.lowerBound
        let end = range.upperBound
        while i + 8 <= end {
            let pv = loadLanes(p + i)
            var d = loadLanes(g + i)
            if s.hasDecay { d = d + s.weightDecay * pv }
            let buf = s.firstStep ? d : loadLanes(buffer + i) * s.momentum + s.keep * d
            storeLanes(buf, buffer + i)
            d = s.nesterov ? d + s.momentum * buf : buf
            storeLanes(pv + s.negativeLR * d, p + i)
            i += 8
        }
        while i < end {
            var d = s.hasDecay ? g[i] + s.weightDecay * p[i] : g[i]
            buffer[i] = s.firstStep ? d : buffer[i] * s.momentum + s.keep * d
            d = s.nesterov ? d + s.momentum * buffer[i] : buffer[i]
            p[i] = p[i] + s.negativeLR * d
            i += 1
        }
    }
}
