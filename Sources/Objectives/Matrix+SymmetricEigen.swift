import Foundation

extension Matrix {
    /// Eigenvalues in ascending order and orthonormal eigenvectors (as the COLUMNS of `vectors`)
    /// of a symmetric matrix, so that `self ≈ vectors · diag(values) · vectorsᵀ`.
    ///
    /// Householder reduction to tridiagonal form followed by the implicit QL algorithm (the
    /// EISPACK tred2/tql2 pair): backward stable, O(n³). Only the lower triangle is read.
    ///
    /// - Precondition: the matrix is square.
    public func symmetricEigen() -> (values: [Double], vectors: Matrix) {
        precondition(isSquare, "symmetricEigen needs a square matrix")
        var work = SymmetricEigenWork(self, wantVectors: true)
        work.solve()
        return (work.values, Matrix(rows: rows, columns: rows, elements: work.vectors))
    }

    /// Eigenvalues only, ascending: cheaper than `symmetricEigen()` when vectors are not needed.
    ///
    /// - Precondition: the matrix is square.
    public func symmetricEigenvalues() -> [Double] {
        precondition(isSquare, "symmetricEigenvalues needs a square matrix")
        var work = SymmetricEigenWork(self, wantVectors: false)
        work.solve()
        return work.values
    }
}

/// Scratch state of one symmetric eigen decomposition (translated from the public-domain JAMA
/// version of EISPACK's tred2 and tql2, on a flat row-major buffer).
private struct SymmetricEigenWork {
    let n: Int
    let wantVectors: Bool
    /// Starts as the matrix, ends as the eigenvectors (row-major, vectors in columns).
    var vectors: [Double]
    /// Diagonal of the tridiagonal form, then the eigenvalues.
    var values: [Double]
    /// Sub-diagonal of the tridiagonal form.
    var offDiagonal: [Double]

    init(_ matrix: Matrix, wantVectors: Bool) {
        n = matrix.rows
        self.wantVectors = wantVectors
        // Symmetrise from the lower triangle so an upper triangle off by rounding cannot matter.
        var symmetric = matrix.elements
        for i in 0..<n {
            for j in 0..<i { symmetric[j * n + i] = symmetric[i * n + j] }
        }
        vectors = symmetric
        values = Array(repeating: 0, count: n)
        offDiagonal = Array(repeating: 0, count: n)
    }

    mutating func solve() {
        guard n > 0 else { return }
        if n == 1 {
            values[0] = vectors[0]
            vectors[0] = 1
            return
        }
        let n = self.n
        let wantVectors = self.wantVectors
        vectors.withUnsafeMutableBufferPointer { v in
            values.withUnsafeMutableBufferPointer { d in
                offDiagonal.withUnsafeMutableBufferPointer { e in
                    Self.tridiagonalize(n: n, v: v, d: d, e: e, accumulate: wantVectors)
                    Self.diagonalize(n: n, v: v, d: d, e: e, accumulate: wantVectors)
                }
            }
        }
        if !wantVectors { vectors = [] }
    }

    /// Householder reduction of the symmetric matrix in `v` to tridiagonal form (d, e); with
    /// `accumulate`, `v` becomes the orthogonal transformation.
    private static func tridiagonalize(
        n: Int,
        v: UnsafeMutableBufferPointer<Double>,
        d: UnsafeMutableBufferPointer<Double>,
        e: UnsafeMutableBufferPointer<Double>,
        accumulate: Bool
    ) {
        for j in 0..<n { d[j] = v[(n - 1) * n + j] }
        for i in stride(from: n - 1, to: 0, by: -1) {
            // Scaling avoids under- and overflow in the Householder vector.
            var scale = 0.0
            var h = 0.0
            for k in 0..<i { scale += abs(d[k]) }
            if scale == 0 {
                e[i] = d[i - 1]
                for j in 0..<i {
                    d[j] = v[(i - 1) * n + j]
                    v[i * n + j] = 0
                    v[j * n + i] = 0
                }
            } else {
                for k in 0..<i {
                    d[k] /= scale
                    h += d[k] * d[k]
                }
                var f = d[i - 1]
                var g = h.squareRoot()
                if f > 0 { g = -g }
                e[i] = scale * g
                h -= f * g
                d[i - 1] = f - g
                for j in 0..<i { e[j] = 0 }
                for j in 0..<i {
                    f = d[j]
                    v[j * n + i] = f
                    g = e[j] + v[j * n + j] * f
                    if j + 1 <= i - 1 {
                        for k in (j + 1)...(i - 1) {
                            g += v[k * n + j] * d[k]
                            e[k] += v[k * n + j] * f
                        }
                    }
                    e[j] = g
                }
                f = 0
                for j in 0..<i {
                    e[j] /= h
                    f += e[j] * d[j]
                }
                let hh = f / (h + h)
                for j in 0..<i { e[j] -= hh * d[j] }
                for j in 0..<i {
                    f = d[j]
                    g = e[j]
                    for k in j..<i { v[k * n + j] -= f * e[k] + g * d[k] }
                    d[j] = v[(i - 1) * n + j]
                    v[i * n + j] = 0
                }
            }
            d[i] = h
        }

        guard accumulate else {
            // The diagonal of the tridiagonal form sits on v's diagonal once the reduction is done.
            for i in 0..<n { d[i] = v[i * n + i] }
            e[0] = 0
            return
        }
        for i in 0..<(n - 1) {
            v[(n - 1) * n + i] = v[i * n + i]
            v[i * n + i] = 1
            let h = d[i + 1]
            if h != 0 {
                for k in 0...i { d[k] = v[k * n + i + 1] / h }
                for j in 0...i {
                    var g = 0.0
                    for k in 0...i { g += v[k * n + i + 1] * v[k * n + j] }
                    for k in 0...i { v[k * n + j] -= g * d[k] }
                }
            }
            for k in 0...i { v[k * n + i + 1] = 0 }
        }
        for j in 0..<n {
            d[j] = v[(n - 1) * n + j]
            v[(n - 1) * n + j] = 0
        }
        v[(n - 1) * n + n - 1] = 1
        e[0] = 0
    }

    /// Implicit QL iterations on the tridiagonal (d, e); eigenvalues end in d, ascending, and
    /// with `accumulate` the rotations are applied to the columns of `v`.
    private static func diagonalize(
        n: Int,
        v: UnsafeMutableBufferPointer<Double>,
        d: UnsafeMutableBufferPointer<Double>,
        e: UnsafeMutableBufferPointer<Double>,
        accumulate: Bool
    ) {
        for i in 1..<n { e[i - 1] = e[i] }
        e[n - 1] = 0
        var shiftSum = 0.0
        var norm = 0.0
        let eps = Double.ulpOfOne
        // Convergence takes a couple of iterations per eigenvalue; the cap only guards against
        // non-finite input looping forever.
        let iterationCap = 100
        for l in 0..<n {
            norm = max(norm, abs(d[l]) + abs(e[l]))
            var m = l
            while m < n - 1 && !(abs(e[m]) <= eps * norm) { m += 1 }
            if m > l {
                var iterations = 0
                repeat {
                    iterations += 1
                    var g = d[l]
                    var p = (d[l + 1] - g) / (2 * e[l])
                    var r = hypot(p, 1)
                    if p < 0 { r = -r }
                    d[l] = e[l] / (p + r)
                    d[l + 1] = e[l] * (p + r)
                    let dl1 = d[l + 1]
                    var h = g - d[l]
                    if l + 2 < n { for i in (l + 2)..<n { d[i] -= h } }
                    shiftSum += h

                    p = d[m]
                    var c = 1.0
                    var c2 = c
                    var c3 = c
                    let el1 = e[l + 1]
                    var s = 0.0
                    var s2 = 0.0
                    for i in stride(from: m - 1, through: l, by: -1) {
                        c3 = c2
                        c2 = c
                        s2 = s
                        g = c * e[i]
                        h = c * p
                        r = hypot(p, e[i])
                        e[i + 1] = s * r
                        s = e[i] / r
                        c = p / r
                        p = c * d[i] - s * g
                        d[i + 1] = h + s * (c * g + s * d[i])
                        if accumulate {
                            for k in 0..<n {
                                let right = v[k * n + i + 1]
                                let left = v[k * n + i]
                                v[k * n + i + 1] = s * left + c * right
                                v[k * n + i] = c * left - s * right
                            }
                        }
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1
                    e[l] = s * p
                    d[l] = c * p
                } while abs(e[l]) > eps * norm && iterations < iterationCap
            }
            d[l] += shiftSum
            e[l] = 0
        }

        for i in 0..<(n - 1) {
            var k = i
            var p = d[i]
            for j in (i + 1)..<n where d[j] < p {
                k = j
                p = d[j]
            }
            if k != i {
                d[k] = d[i]
                d[i] = p
                if accumulate {
                    for j in 0..<n { v.swapAt(j * n + i, j * n + k) }
                }
            }
        }
    }
}
