/// An in-place read-modify-write kernel, x += s * y, that moves memory the way an optimizer step
/// does (reads two arrays, writes one back in place) with the same lanes and threads: the
/// roofline that `descent bench` compares optimizer steps against.
public enum BandwidthProbe {
    /// Bytes the kernel moves per element: reads x and y, writes x.
    public static func bytesPerElement<T: OptimizerScalar>(_: T.Type) -> Int { 3 * MemoryLayout<T>.stride }

    /// One pass of x += s * y.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public static func pass<T: OptimizerScalar>(x: UnsafeMutableBufferPointer<T>, y: UnsafeBufferPointer<T>, scale: T) {
        precondition(x.count == y.count, "arrays differ in length")
        guard let xBase = x.baseAddress, let yBase = y.baseAddress else { return }
        Parallelism.forEachSlice(count: x.count, TriadKernel(x: xBase, y: yBase, scale: scale))
    }
}

/// x += s * y over a range.
private struct TriadKernel<T: OptimizerScalar>: RangeKernel {
    let x: UnsafeMutablePointer<T>
    let y: UnsafePointer<T>
    let scale: T

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func run(_ range: Range<Int>) {
        var i = range.lowerBound
        while i + 8 <= range.upperBound {
            storeLanes(loadLanes(x + i) + scale * loadLanes(y + i), x + i)
            i += 8
        }
        while i < range.upperBound {
            x[i] = x[i] + scale * y[i]
            i += 1
        }
    }
}
