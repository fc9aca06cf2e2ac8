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
        Parallelism.forEachSlice(count: x.count) { range in
            var i = range.lowerBound
            while i + 8 <= range.upperBound {
                storeLanes(loadLanes(xBase + i) + scale * loadLanes(yBase + i), xBase + i)
                i += 8
            }
            while i < range.upperBound {
                xBase[i] = xBase[i] + scale * yBase[i]
                i += 1
            }
        }
    }
}
