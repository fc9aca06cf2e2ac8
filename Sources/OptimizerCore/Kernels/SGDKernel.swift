/// The fused SGD update (plain, momentum, Nesterov, dampening, L2) over a range of coordinates.
enum SGDKernel {
    struct Settings<T: OptimizerScalar> {
        let negativeLR: T
        let weightDecay: T
        let hasDecay: Bool
        let momentum: T
        /// 1 - dampening.
        let keep: T
        let firstStep: Bool
        let nesterov: Bool
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func plain<T: OptimizerScalar>(_ range: Range<Int>, p: UnsafeMutablePointer<T>, g: UnsafePointer<T>, _ s: Settings<T>) {
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

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func momentum<T: OptimizerScalar>(_ range: Range<Int>, p: UnsafeMutablePointer<T>, g: UnsafePointer<T>,
                                             buffer: UnsafeMutablePointer<T>, _ s: Settings<T>) {
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
