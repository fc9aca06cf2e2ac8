import OptimizerCore

/// The largest eigenvalue of a symmetric operator by Lanczos with full reorthogonalisation: a
/// bounded number of operator applications, for when the whole spectrum costs too much (a
/// sharpness history needs lambda_max at every step; n = 1000 makes a dense solve seconds long).
public enum Lanczos {
    /// Operator applications allowed unless the caller says otherwise.
    public static let defaultMaximumIterations = 150
    /// Residual, relative to the Ritz value, at which the estimate counts as converged: since some
    /// eigenvalue lies within the residual of the Ritz value, 1e-10 leaves a margin below 1e-8.
    public static let defaultTolerance = 1e-10

    /// lambda_max of the symmetric operator `apply` (y = A x, writing y), or nil for dimension 0.
    ///
    /// Starts from a seeded Gaussian vector, so the estimate is reproducible. Each iteration
    /// orthogonalises the new Lanczos vector twice against all earlier ones (full
    /// reorthogonalisation), which keeps spurious copies of converged eigenvalues out; it stops
    /// when β_k |y_k| (the residual of the top Ritz pair) is below `tolerance` relative to the
    /// Ritz value, when the Krylov space becomes invariant, at `dimension` iterations (then the
    /// value is exact up to rounding) or at `maximumIterations`.
    public static func largestEigenvalue(
        dimension n: Int,
        maximumIterations: Int = defaultMaximumIterations,
        tolerance: Double = defaultTolerance,
        seed: UInt64 = 0x1A2C_2051,
        apply: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
    ) -> LanczosEstimate? {
        guard n > 0 else { return nil }
        let limit = max(1, min(maximumIterations, n))
        var basis = [Double](repeating: 0, count: limit * n)
        var work = [Double](repeating: 0, count: n)
        var alpha: [Double] = [], beta: [Double] = []
        var generator = SeededGenerator(seed: seed)
        var start = (0..<n).map { _ in generator.nextGaussian() }
        normalise(&start)
        basis.replaceSubrange(0..<n, with: start)
        var normEstimate = 0.0
        var top = TridiagonalTopEigenpair(diagonal: [0], offDiagonal: [])
        var converged = false
        for j in 0..<limit {
            basis.withUnsafeBufferPointer { q in
                work.withUnsafeMutableBufferPointer { w in
                    apply(UnsafeBufferPointer(rebasing: q[(j * n)..<((j + 1) * n)]), w)
                }
            }
            let (a, b) = orthogonalise(&work, against: basis, count: j + 1, n: n, previousBeta: beta.last ?? 0)
            alpha.append(a)
            normEstimate = max(normEstimate, abs(a) + b + (beta.last ?? 0))
            top = TridiagonalTopEigenpair(diagonal: alpha, offDiagonal: beta)
            let scale = max(abs(top.value), 1e-6 * normEstimate)
            let invariant = !(b > 1e-13 * normEstimate)
            if invariant || b * top.lastComponent <= tolerance * scale || j + 1 == n {
                converged = true
                break
            }
            guard j + 1 < limit else { break }
            beta.append(b)
            for i in 0..<n { basis[(j + 1) * n + i] = work[i] / b }
        }
        guard top.value.isFinite else { return nil }
        let residual = trueResidual(of: top, basis: basis, n: n, apply: apply)
        return LanczosEstimate(value: top.value, residual: residual, iterations: alpha.count, converged: converged)
    }

    /// lambda_max of a symmetric matrix (only the product with vectors is used).
    public static func largestEigenvalue(
        of matrix: Matrix,
        maximumIterations: Int = defaultMaximumIterations,
        tolerance: Double = defaultTolerance
    ) -> LanczosEstimate? {
        precondition(matrix.isSquare, "Lanczos needs a square matrix")
        return largestEigenvalue(dimension: matrix.rows, maximumIterations: maximumIterations, tolerance: tolerance) { x, y in
            matrix.multiply(x, into: y)
        }
    }

    /// Subtracts alpha q_j + beta q_(j-1), then twice the projection on every basis vector; returns
    /// (alpha, the remaining norm).
    static func orthogonalise(_ w: inout [Double], against basis: [Double], count: Int, n: Int,
                                      previousBeta: Double) -> (Double, Double) {
        basis.withUnsafeBufferPointer { q in
            w.withUnsafeMutableBufferPointer { w in
                let current = (count - 1) * n
                var alpha = 0.0
                for i in 0..<n { alpha += w[i] * q[current + i] }
                for i in 0..<n { w[i] -= alpha * q[current + i] }
                if count > 1 {
                    let previous = (count - 2) * n
                    for i in 0..<n { w[i] -= previousBeta * q[previous + i] }
                }
                let residual = UnsafeBufferPointer(w)
                for _ in 0..<2 {
                    for k in 0..<count {
                        let dot = Matrix.dot(residual, UnsafeBufferPointer(rebasing: q[(k * n)..<((k + 1) * n)]))
                        for i in 0..<n { w[i] -= dot * q[k * n + i] }
                        if k == count - 1 { alpha += dot }
                    }
                }
                return (alpha, Matrix.dot(residual, residual).squareRoot())
            }
        }
    }

    /// ‖A u − θ u‖ for the Ritz vector u = Q y: one more application, so the reported bound does
    /// not rest on the recurrence being exact.
    private static func trueResidual(of top: TridiagonalTopEigenpair, basis: [Double], n: Int,
                                     apply: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void) -> Double {
        var ritz = [Double](repeating: 0, count: n)
        for (k, weight) in top.vector.enumerated() {
            for i in 0..<n { ritz[i] += weight * basis[k * n + i] }
        }
        normalise(&ritz)
        var image = [Double](repeating: 0, count: n)
        ritz.withUnsafeBufferPointer { x in image.withUnsafeMutableBufferPointer { apply(x, $0) } }
        var sum = 0.0
        for i in 0..<n {
            let r = image[i] - top.value * ritz[i]
            sum += r * r
        }
        return sum.squareRoot()
    }

    static func normalise(_ vector: inout [Double]) {
        var norm = 0.0
        for x in vector { norm += x * x }
        norm = norm.squareRoot()
        guard norm > 0 else { return }
        for i in vector.indices { vector[i] /= norm }
    }
}
