/// Solves (H + damping I) d = g for Newton's step, by Gaussian elimination with partial
/// pivoting in double precision, and says when the system is singular.
///
/// A pivot no larger than n ε max|a_ij| (after elimination) counts as zero: H + damping I is then
/// singular to working precision and Newton's step does not exist. Indefinite systems are solved
/// (Newton goes to the stationary point of the local quadratic, a saddle as readily as a minimum).
public enum DampedNewtonSystem {
    /// Why no step exists.
    public struct Singular: Error, Equatable, Sendable, CustomStringConvertible {
        /// The elimination column whose pivot vanished (0-based).
        public let column: Int
        /// The pivot found there and the bound it failed.
        public let pivot: Double, bound: Double

        public var description: String {
            "H + damping I is singular (pivot \(pivot) at column \(column + 1), below \(bound)); Newton's step does not exist: give damping > 0"
        }
    }

    /// d with (H + damping I) d = g.
    ///
    /// - Parameters:
    ///   - hessian: H, n × n row-major.
    ///   - gradient: g, n entries.
    ///   - damping: added to H's diagonal.
    /// - Precondition: `hessian.count == gradient.count²`.
    public static func solve(hessian: [Double], gradient: [Double], damping: Double) throws(Singular) -> [Double] {
        let n = gradient.count
        precondition(hessian.count == n * n, "the Hessian must be n x n for n gradient entries")
        var a = hessian
        var x = gradient
        var largest = 0.0
        for i in 0..<n {
            a[i * n + i] += damping
            for j in 0..<n { largest = max(largest, abs(a[i * n + j])) }
        }
        let bound = Double(n) * Double.ulpOfOne * largest
        for column in 0..<n {
            var pivotRow = column
            for row in (column + 1)..<max(n, column + 1) where abs(a[row * n + column]) > abs(a[pivotRow * n + column]) {
                pivotRow = row
            }
            let pivot = a[pivotRow * n + column]
            guard abs(pivot) > bound, pivot.isFinite else { throw Singular(column: column, pivot: pivot, bound: bound) }
            if pivotRow != column {
                for j in 0..<n { a.swapAt(column * n + j, pivotRow * n + j) }
                x.swapAt(column, pivotRow)
            }
            for row in (column + 1)..<max(n, column + 1) {
                let factor = a[row * n + column] / pivot
                guard factor != 0 else { continue }
                for j in column..<n { a[row * n + j] -= factor * a[column * n + j] }
                x[row] -= factor * x[column]
            }
        }
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = x[row]
            for j in (row + 1)..<max(n, row + 1) { sum -= a[row * n + j] * x[j] }
            x[row] = sum / a[row * n + row]
        }
        return x
    }
}
