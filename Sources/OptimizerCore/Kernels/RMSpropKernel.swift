/// The fused RMSprop update (plain, centered, momentum, L2) over a range of coordinates.
struct RMSpropKernel<T: OptimizerScalar>: RangeKernel {
    struct Buffers {
        let p: UnsafeMutablePointer<T>
        let g: UnsafePointer<T>
        let squareAverage: UnsafeMutablePointer<T>
        let gradientAverage: UnsafeMutablePointer<T>?
        let momentumBuffer: UnsafeMutablePointer<T>?
    }

    struct Settings {
        let negativeLR: T
        let weightDecay: T
        let hasDecay: Bool
        let alpha: T
        let oneMinusAlpha: T
        let eps: T
        let momentum: T
    }

    let b: Buffers
    let s: Settings

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func run(_ range: Range<Int>) {
        let fromStart = abs(s.oneMinusAlpha) < 0.5
        var i = range.lowerBound
        let end = range.upperBound
        while i + 8 <= end {
            let pv = loadLanes(b.p + i)
            var d = loadLanes(b.g + i)
            if s.hasDecay { d = d + s.weightDecay * pv }
            let sq = loadLanes(b.squareAverage + i) * s.alpha + s.oneMinusAlpha * d * d
            storeLanes(sq, b.squareAverage + i)
            var average: Lanes<T>
            if let ga = b.gradientAverage {
                let mean = lerpLanes(loadLanes(ga + i), d, weight: s.oneMinusAlpha, fromStart: fromStart)
                storeLanes(mean, ga + i)
                average = (sq + -mean * mean).squareRoot()
            } else {
                average = sq.squareRoot()
            }
            average = average + s.eps
            if let buffer = b.momentumBuffer {
                let buf = loadLanes(buffer + i) * s.momentum + d / average
                storeLanes(buf, buffer + i)
                storeLanes(pv + s.negativeLR * buf, b.p + i)
            } else {
                storeLanes(pv + s.negativeLR * d / average, b.p + i)
            }
            i += 8
        }
        while i < end {
            let d = s.hasDecay ? b.g[i] + s.weightDecay * b.p[i] : b.g[i]
            b.squareAverage[i] = b.squareAverage[i] * s.alpha + s.oneMinusAlpha * d * d
            var average: T
            if let ga = b.gradientAverage {
                ga[i] = Lerp.torch(ga[i], d, weight: s.oneMinusAlpha)
                average = (b.squareAverage[i] + -ga[i] * ga[i]).squareRoot()
            } else {
                average = b.squareAverage[i].squareRoot()
            }
            average = average + s.eps
            if let buffer = b.momentumBuffer {
                buffer[i] = buffer[i] * s.momentum + d / average
                b.p[i] = b.p[i] + s.negativeLR * buffer[i]
            } else {
                b.p[i] = b.p[i] + s.negativeLR * d / average
            }
            i += 1
        }
    }
}
