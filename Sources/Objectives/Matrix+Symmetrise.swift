extension Matrix {
    /// Replaces each off-diagonal pair by its mean, (A + A^T) / 2: what a matrix assembled from
    /// products or finite differences, symmetric only up to rounding, is taken to be.
    ///
    /// - Precondition: the matrix is square.
    public mutating func symmetrise() {
        precondition(isSquare, "symmetrise needs a square matrix")
        let n = rows
        elements.withUnsafeMutableBufferPointer { a in
            for i in 0..<n {
                for j in (i + 1)..<max(i + 1, n) {
                    let mean = (a[i * n + j] + a[j * n + i]) / 2
                    a[i * n + j] = mean
                    a[j * n + i] = mean
                }
            }
        }
    }
}
