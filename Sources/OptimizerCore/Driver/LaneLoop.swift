/// Work done at one index of a buffer, in whichever lane type the loop asks for.
protocol LaneBody {
    associatedtype Scalar: OptimizerScalar
    /// Processes elements `i ..< i + V.width`.
    func apply<V: OptimizerLane>(_: V.Type, at i: Int) where V.Scalar == Scalar
}

extension LaneBody {
    /// Runs over `range`: eight lanes at a time, then the tail one element at a time, both from
    /// the same `apply`.
    @inline(__always)
    func runLanes(_ range: Range<Int>) {
        var i = range.lowerBound
        let end = range.upperBound
        while i + 8 <= end {
            apply(SIMD8<Scalar>.self, at: i)
            i += 8
        }
        while i < end {
            apply(ScalarLane<Scalar>.self, at: i)
            i += 1
        }
    }
}

/// An elementwise update over a range of coordinates: what each thread runs.
struct ElementwiseKernel<Update: ElementwiseUpdate>: RangeKernel, LaneBody {
    typealias Scalar = Update.Scalar
    let update: Update
    let p: UnsafeMutablePointer<Scalar>
    let g: UnsafePointer<Scalar>
    let state: StatePointers<Scalar>

    @inline(__always)
    func apply<V: OptimizerLane>(_: V.Type, at i: Int) where V.Scalar == Scalar {
        var parameter = V.load(UnsafePointer(p + i))
        update.apply(&parameter, V.load(g + i), StateLanes(pointers: state, index: i))
        parameter.store(to: p + i)
    }

    func run(_ range: Range<Int>) {
        runLanes(range)
    }
}
