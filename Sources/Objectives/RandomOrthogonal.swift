import OptimizerCore

extension Matrix {
    /// A random n × n orthogonal matrix, uniformly (Haar) distributed: the Q factor of a matrix of
    /// standard normal samples, with R's diagonal made positive.
    public static func randomOrthogonal(size n: Int, using generator: inout SeededGenerator) -> Matrix {
        randomOrthonormalColumns(rows: n, columns: n, using: &generator)
    }

    /// A random rows × columns matrix (rows ≥ columns) with orthonormal columns: the Q factor of
    /// a matrix of standard normal samples drawn column by column.
    ///
    /// Q comes from modified Gram-Schmidt run twice over the columns; Gram-Schmidt yields a
    /// positive R diagonal by construction, which is exactly the sign fix Haar sampling needs.
    public static func randomOrthonormalColumns(rows n: Int, columns m: Int, using generator: inout SeededGenerator) -> Matrix {
        precondition(n >= m, "more orthonormal columns than rows")
        // Column-major scratch: column c occupies q[c * n ..< (c + 1) * n].
        var columns = (0..<(n * m)).map { _ in generator.nextGaussian() }
        columns.withUnsafeMutableBufferPointer { q in
            for c in 0..<m {
                for _ in 0..<2 {
                    for previous in 0..<c {
                        var dot = 0.0
                        for i in 0..<n { dot += q[previous * n + i] * q[c * n + i] }
                        for i in 0..<n { q[c * n + i] -= dot * q[previous * n + i] }
                    }
                }
                var norm = 0.0
                for i in 0..<n { norm += q[c * n + i] * q[c * n + i] }
                norm = norm.squareRoot()
                for i in 0..<n { q[c * n + i] /= norm }
            }
        }
        return Matrix(rows: m, columns: n, elements: columns).transpose
    }
}
