extension Matrix {
    /// y = self · x without allocating, for iterative solvers that apply a matrix many times.
    ///
    /// Each row's dot product runs in four interleaved partial sums, which the compiler turns into
    /// vector instructions (a single running sum cannot be reordered); the result differs from the
    /// sequential sum only by rounding.
    ///
    /// - Precondition: `x.count == columns`, `y.count == rows`.
    public func multiply(_ x: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>) {
        precondition(x.count == columns && y.count == rows, "matrix-vector product needs matching dimensions")
        let n = columns
        elements.withUnsafeBufferPointer { a in
            for i in 0..<rows {
                y[i] = Self.dot(UnsafeBufferPointer(rebasing: a[(i * n)..<((i + 1) * n)]), x)
            }
        }
    }

    /// The dot product of two equally long vectors, in four interleaved partial sums.
    public static func dot(_ u: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>) -> Double {
        precondition(u.count == v.count, "dot product of vectors of different lengths")
        let n = u.count, blocked = n & ~3
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var j = 0
        while j < blocked {
            s0 += u[j] * v[j]
            s1 += u[j + 1] * v[j + 1]
            s2 += u[j + 2] * v[j + 2]
            s3 += u[j + 3] * v[j + 3]
            j += 4
        }
        while j < n {
            s0 += u[j] * v[j]
            j += 1
        }
        return (s0 + s1) + (s2 + s3)
    }
}
