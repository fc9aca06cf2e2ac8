/// The largest eigenvalue of a symmetric tridiagonal matrix and the last component of its unit
/// eigenvector: what Lanczos needs at every iteration to bound the error of its Ritz value, in
/// O(k) per call instead of the O(k³) of a full decomposition.
struct TridiagonalTopEigenpair {
    /// The largest eigenvalue.
    let value: Double
    /// Its unit eigenvector.
    let vector: [Double]

    /// |last component| of the eigenvector: β_k times it is the residual of the Ritz pair.
    var lastComponent: Double { abs(vector[vector.count - 1]) }

    /// - Parameters:
    ///   - diagonal: alpha_1 ... alpha_k (k >= 1).
    ///   - offDiagonal: beta_1 ... beta_(k-1).
    init(diagonal: [Double], offDiagonal: [Double]) {
        precondition(!diagonal.isEmpty && offDiagonal.count == diagonal.count - 1, "k diagonal and k - 1 off-diagonal entries")
        let k = diagonal.count
        guard k > 1 else {
            value = diagonal[0]
            vector = [1]
            return
        }
        let top = Self.largestEigenvalue(diagonal, offDiagonal)
        value = top
        vector = Self.eigenvector(diagonal, offDiagonal, eigenvalue: top)
    }

    /// Bisection on Sturm counts inside the Gershgorin interval, down to adjacent doubles.
    private static func largestEigenvalue(_ alpha: [Double], _ beta: [Double]) -> Double {
        let k = alpha.count
        var low = Double.infinity, high = -Double.infinity
        for i in 0..<k {
            let radius = (i > 0 ? abs(beta[i - 1]) : 0) + (i < k - 1 ? abs(beta[i]) : 0)
            low = min(low, alpha[i] - radius)
            high = max(high, alpha[i] + radius)
        }
        // Invariant: fewer than k eigenvalues lie below `low`, all k below `high` (or at it).
        for _ in 0..<200 {
            let middle = low + (high - low) / 2
            guard middle > low && middle < high else { break }
            if countBelow(middle, alpha, beta) == k { high = middle } else { low = middle }
        }
        return high
    }

    /// Number of eigenvalues below x: the negative pivots of the LDLᵀ factorisation of T − xI.
    private static func countBelow(_ x: Double, _ alpha: [Double], _ beta: [Double]) -> Int {
        var count = 0
        var pivot = 1.0
        for i in 0..<alpha.count {
            let coupling = i > 0 ? beta[i - 1] * beta[i - 1] : 0
            pivot = alpha[i] - x - (i > 0 ? coupling / pivot : 0)
            // A zero pivot means x is an eigenvalue of a leading block; nudging it keeps the count right.
            if pivot == 0 { pivot = -Double.ulpOfOne * (abs(alpha[i]) + abs(x) + Double.leastNormalMagnitude) }
            if pivot < 0 { count += 1 }
        }
        return count
    }

    /// Inverse iteration on T − λI, factored once by Gaussian elimination with partial pivoting
    /// (LAPACK's dgttrf / dgtts2); two solves from a flat start give the vector to full accuracy.
    private static func eigenvector(_ alpha: [Double], _ beta: [Double], eigenvalue: Double) -> [Double] {
        let k = alpha.count
        var d = alpha.map { $0 - eigenvalue }, lower = beta, upper = beta
        var secondUpper = [Double](repeating: 0, count: max(k - 2, 0))
        var swapped = [Bool](repeating: false, count: k - 1)
        for i in 0..<(k - 1) {
            if abs(d[i]) >= abs(lower[i]) {
                if d[i] != 0 {
                    let factor = lower[i] / d[i]
                    lower[i] = factor
                    d[i + 1] -= factor * upper[i]
                }
            } else {
                let factor = d[i] / lower[i]
                d[i] = lower[i]
                lower[i] = factor
                let previous = upper[i]
                upper[i] = d[i + 1]
                d[i + 1] = previous - factor * d[i + 1]
                if i < k - 2 {
                    secondUpper[i] = upper[i + 1]
                    upper[i + 1] = -factor * upper[i + 1]
                }
                swapped[i] = true
            }
        }
        // The shift is an eigenvalue, so a pivot may vanish: a tiny one makes the solve blow up
        // along the eigenvector, which is what inverse iteration wants.
        let scale = max(alpha.map(abs).max() ?? 0, beta.map(abs).max() ?? 0, Double.leastNormalMagnitude)
        for i in 0..<k where abs(d[i]) < Double.ulpOfOne * scale {
            d[i] = (d[i] < 0 ? -1 : 1) * Double.ulpOfOne * scale
        }
        var vector = [Double](repeating: 1, count: k)
        for _ in 0..<3 {
            for i in 0..<(k - 1) {
                if swapped[i] {
                    let previous = vector[i]
                    vector[i] = vector[i + 1]
                    vector[i + 1] = previous - lower[i] * vector[i]
                } else {
                    vector[i + 1] -= lower[i] * vector[i]
                }
            }
            vector[k - 1] /= d[k - 1]
            vector[k - 2] = (vector[k - 2] - upper[k - 2] * vector[k - 1]) / d[k - 2]
            if k > 2 {
                for i in stride(from: k - 3, through: 0, by: -1) {
                    vector[i] = (vector[i] - upper[i] * vector[i + 1] - secondUpper[i] * vector[i + 2]) / d[i]
                }
            }
            var norm = 0.0
            for x in vector { norm += x * x }
            norm = norm.squareRoot()
            guard norm.isFinite && norm > 0 else { break }
            for i in 0..<k { vector[i] /= norm }
        }
        return vector
    }
}
