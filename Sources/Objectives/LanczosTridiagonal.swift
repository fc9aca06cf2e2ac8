/// The tridiagonal matrix T = Q^T A Q that k Lanczos steps build from one unit start vector q_1:
/// the Gauss quadrature of the start vector's spectral measure, which stochastic Lanczos
/// quadrature averages over random start vectors.
public struct LanczosTridiagonal: Sendable, Equatable {
    /// alpha_1 ... alpha_k.
    public let diagonal: [Double]
    /// beta_1 ... beta_(k-1).
    public let offDiagonal: [Double]

    /// Creates the matrix from its diagonals.
    ///
    /// - Precondition: k >= 1 diagonal and k - 1 off-diagonal entries.
    public init(diagonal: [Double], offDiagonal: [Double]) {
        precondition(!diagonal.isEmpty && offDiagonal.count == diagonal.count - 1, "k diagonal and k - 1 off-diagonal entries")
        self.diagonal = diagonal
        self.offDiagonal = offDiagonal
    }

    /// Lanczos steps taken (k).
    public var steps: Int { diagonal.count }

    /// The k-point Gauss quadrature of q_1^T f(A) q_1: nodes are T's eigenvalues (the Ritz values,
    /// ascending) and weights the squared first components of its unit eigenvectors, which add
    /// up to 1. It integrates polynomials up to degree 2k - 1 exactly.
    public func quadrature() -> (nodes: [Double], weights: [Double]) {
        let k = diagonal.count
        var matrix = Matrix(rows: k, columns: k)
        for i in 0..<k {
            matrix.elements[i * k + i] = diagonal[i]
            if i + 1 < k {
                matrix.elements[i * k + i + 1] = offDiagonal[i]
                matrix.elements[(i + 1) * k + i] = offDiagonal[i]
            }
        }
        let (values, vectors) = matrix.symmetricEigen()
        // Row 0 of the eigenvector matrix holds every eigenvector's first component.
        let weights = (0..<k).map { vectors.elements[$0] * vectors.elements[$0] }
        let total = weights.reduce(0, +)
        return (values, total > 0 ? weights.map { $0 / total } : weights)
    }
}

extension Lanczos {
    /// Up to `steps` Lanczos steps on the symmetric operator `apply` (y = A x) from `start`
    /// (normalised here), stopping early when the Krylov space becomes invariant.
    ///
    /// With `reorthogonalise`, each new vector is orthogonalised twice against all earlier ones
    /// (k vectors of n numbers kept), which keeps spurious copies of converged Ritz values out;
    /// without it, only the three-term recurrence runs on two vectors, as in the usual
    /// stochastic Lanczos quadrature codes (whose quadrature weights stay accurate regardless).
    ///
    /// - Precondition: `start` has n >= 1 entries, not all zero; `steps` >= 1.
    public static func tridiagonalise(
        start: [Double], steps: Int, reorthogonalise: Bool,
        apply: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
    ) -> LanczosTridiagonal {
        let n = start.count
        precondition(n >= 1 && steps >= 1, "a start vector and at least one step")
        let limit = min(steps, n)
        var current = start
        normalise(&current)
        precondition(current.contains { $0 != 0 }, "a nonzero start vector")
        var previous = [Double](repeating: 0, count: n)
        var basis: [Double] = []
        if reorthogonalise {
            basis.reserveCapacity(limit * n)
            basis.append(contentsOf: current)
        }
        var work = [Double](repeating: 0, count: n)
        var alpha: [Double] = [], beta: [Double] = []
        var normEstimate = 0.0
        for j in 0..<limit {
            current.withUnsafeBufferPointer { q in work.withUnsafeMutableBufferPointer { apply(q, $0) } }
            let previousBeta = beta.last ?? 0
            let a: Double, b: Double
            if reorthogonalise {
                (a, b) = orthogonalise(&work, against: basis, count: j + 1, n: n, previousBeta: previousBeta)
            } else {
                var dot = 0.0
                for i in 0..<n { dot += work[i] * current[i] }
                var norm = 0.0
                for i in 0..<n {
                    work[i] -= dot * current[i] + previousBeta * previous[i]
                    norm += work[i] * work[i]
                }
                (a, b) = (dot, norm.squareRoot())
            }
            alpha.append(a)
            normEstimate = max(normEstimate, abs(a) + b + previousBeta)
            guard j + 1 < limit, b > 1e-13 * normEstimate, b.isFinite else { break }
            beta.append(b)
            swap(&previous, &current)
            for i in 0..<n { current[i] = work[i] / b }
            if reorthogonalise { basis.append(contentsOf: current) }
        }
        return LanczosTridiagonal(diagonal: alpha, offDiagonal: beta)
    }
}
