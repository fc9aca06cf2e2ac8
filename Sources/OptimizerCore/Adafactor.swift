import RealModule

/// torch.optim.Adafactor: Adam without a first moment whose second moment of a matrix is
/// factored into one statistic per row and one per column (m + n numbers for m · n parameters).
///
/// For each tensor, with t the update's number (from 1):
/// ```
/// beta2_t = 1 - t^beta2_decay          (the moving averages' weight is t^beta2_decay)
/// rho_t   = min(lr, 1 / sqrt(t))
/// alpha   = max(eps2, RMS(p)) * rho_t     (RMS over the tensor, before the decay)
/// p      *= 1 - lr * weight_decay
/// 2-D and up (factored over the last two dimensions [m, n]):
///   row_i = lerp(row_i, mean_j g_ij^2, t^beta2_decay);  col_j = lerp(col_j, mean_i g_ij^2, t^beta2_decay)
///   v_ij  = row_i col_j / max(mean_i row_i, eps1)
/// otherwise:  v = lerp(v, g^2, t^beta2_decay)
/// u  = g / sqrt(max(v, eps1^2))
/// p -= alpha / max(1, RMS(u) / d) * u
/// ```
/// eps1 defaults to the run's machine epsilon (torch's None: `finfo(dtype).eps`).
public enum Adafactor {
    /// Where the factored statistics of a tensor live: `batch` matrices of `rows` × `columns`.
    public struct Factoring: Sendable, Equatable {
        /// Matrices along the leading dimensions (1 for a 2-D tensor).
        public let batch: Int
        /// The second-to-last dimension.
        public let rows: Int
        /// The last dimension.
        public let columns: Int

        /// The factoring of `shape`, or nil for a tensor of fewer than two dimensions (full second moment).
        public init?(shape: [Int]) {
            guard shape.count >= 2 else { return nil }
            rows = shape[shape.count - 2]
            columns = shape[shape.count - 1]
            batch = shape.dropLast(2).reduce(1, *)
        }
    }

    /// The scalars of one update of one tensor, computed in double precision as torch's Python does.
    public struct Step: Sendable {
        /// t^beta2_decay, the weight of the new squares.
        public let averagingWeight: Double
        /// min(lr, 1 / sqrt(t)).
        public let relativeStep: Double
        /// 1 - lr * weight_decay.
        public let decayFactor: Double
        /// eps1 (resolved: the run's machine epsilon unless given), eps2, d.
        public let eps1: Double, eps2: Double, clipThreshold: Double

        /// The scalars of update `t` (1 for the first).
        public init(t: Int, lr: Double, beta2Decay: Double, eps1: Double, eps2: Double, d: Double, weightDecay: Double) {
            let step = Double(t)
            averagingWeight = Double.pow(step, beta2Decay)
            relativeStep = min(lr, 1 / step.squareRoot())
            decayFactor = 1 - lr * weightDecay
            self.eps1 = eps1
            self.eps2 = eps2
            clipThreshold = d
        }
    }

    /// Updates one tensor in place: `row` and `column` (factored tensors) or `variance` (the
    /// rest) are its statistics, the others empty.
    public static func update<T: OptimizerScalar>(
        _ s: Step, factoring: Factoring?, parameters p: UnsafeMutableBufferPointer<T>, gradients g: UnsafeBufferPointer<T>,
        row: UnsafeMutableBufferPointer<T>, column: UnsafeMutableBufferPointer<T>, variance: UnsafeMutableBufferPointer<T>
    ) {
        let count = p.count
        let alpha = max(s.eps2, rootMeanSquare(UnsafeBufferPointer(p))) * s.relativeStep
        if s.decayFactor != 1 {
            let factor = T(s.decayFactor)
            for i in 0..<count { p[i] *= factor }
        }
        let weight = T(s.averagingWeight)
        let floor = T(s.eps1) * T(s.eps1)
        let sumOfSquares: Double
        if let f = factoring {
            accumulate(f, g, row: row, column: column, weight: weight)
            sumOfSquares = factoredSteps(f, g, row: row, column: column, eps1: T(s.eps1), floor: floor) { _, _ in }
        } else {
            for i in 0..<count { variance[i] = Lerp.torch(variance[i], g[i] * g[i], weight: weight) }
            var sum = 0.0
            for i in 0..<count {
                let u = (1 / max(variance[i], floor).squareRoot()) * g[i]
                sum += Double(u) * Double(u)
            }
            sumOfSquares = sum
        }
        let rms = (sumOfSquares / Double(count)).squareRoot()
        let scale = T(-alpha / max(1, rms / s.clipThreshold))
        if let f = factoring {
            _ = factoredSteps(f, g, row: row, column: column, eps1: T(s.eps1), floor: floor) { index, u in p[index] += u * scale }
        } else {
            for i in 0..<count { p[i] += (1 / max(variance[i], floor).squareRoot()) * g[i] * scale }
        }
    }

    /// The size of a tensor's step per coordinate over its gradient, |Δp| / |g| = alpha / max(1, RMS(u)/d) / sqrt(v_hat),
    /// from the statistics the last update left (what the step-size view plots).
    public static func stepSizes<T: OptimizerScalar>(
        _ s: Step, factoring: Factoring?, parameters p: UnsafeBufferPointer<T>, gradients g: UnsafeBufferPointer<T>?,
        row: UnsafeBufferPointer<T>, column: UnsafeBufferPointer<T>, variance: UnsafeBufferPointer<T>
    ) -> [Double] {
        let alpha = max(s.eps2, rootMeanSquare(p)) * s.relativeStep
        let floor = T(s.eps1) * T(s.eps1)
        var inverseRoots = [Double](repeating: 0, count: p.count)
        if let f = factoring {
            for b in 0..<f.batch {
                let mean = rowMean(f, b, row: row, eps1: T(s.eps1))
                for i in 0..<f.rows {
                    for j in 0..<f.columns {
                        let v = row[b * f.rows + i] * column[b * f.columns + j] / mean
                        inverseRoots[(b * f.rows + i) * f.columns + j] = Double(1 / max(v, floor).squareRoot())
                    }
                }
            }
        } else {
            for i in 0..<p.count { inverseRoots[i] = Double(1 / max(variance[i], floor).squareRoot()) }
        }
        var clip = 1.0
        if let g {
            var sum = 0.0
            for i in 0..<p.count { sum += (Double(g[i]) * inverseRoots[i]) * (Double(g[i]) * inverseRoots[i]) }
            clip = max(1, (sum / Double(p.count)).squareRoot() / s.clipThreshold)
        }
        return inverseRoots.map { alpha / clip * $0 }
    }

    /// ||x|| / sqrt(n), accumulated in double precision.
    static func rootMeanSquare<T: OptimizerScalar>(_ x: UnsafeBufferPointer<T>) -> Double {
        var sum = 0.0
        for value in x { sum += Double(value) * Double(value) }
        return (sum / Double(max(1, x.count))).squareRoot()
    }

    /// row_i, col_j = lerp(·, mean of g^2 along the row / column, weight), torch's order of rounding:
    /// the mean is the squared norm divided by the length, in the run's precision.
    private static func accumulate<T: OptimizerScalar>(_ f: Factoring, _ g: UnsafeBufferPointer<T>, row: UnsafeMutableBufferPointer<T>,
                                                       column: UnsafeMutableBufferPointer<T>, weight: T) {
        for b in 0..<f.batch {
            let base = b * f.rows * f.columns
            for i in 0..<f.rows {
                var sum = 0.0
                for j in 0..<f.columns { sum += Double(g[base + i * f.columns + j]) * Double(g[base + i * f.columns + j]) }
                let norm = T(sum.squareRoot())
                row[b * f.rows + i] = Lerp.torch(row[b * f.rows + i], norm * norm / T(f.columns), weight: weight)
            }
            for j in 0..<f.columns {
                var sum = 0.0
                for i in 0..<f.rows { sum += Double(g[base + i * f.columns + j]) * Double(g[base + i * f.columns + j]) }
                let norm = T(sum.squareRoot())
                column[b * f.columns + j] = Lerp.torch(column[b * f.columns + j], norm * norm / T(f.rows), weight: weight)
            }
        }
    }

    /// max(mean_i row_i, eps1) of matrix `b`.
    private static func rowMean<T: OptimizerScalar>(_ f: Factoring, _ b: Int, row: UnsafeBufferPointer<T>, eps1: T) -> T {
        var sum = T.zero
        for i in 0..<f.rows { sum += row[b * f.rows + i] }
        return max(sum / T(f.rows), eps1)
    }

    /// Visits u_ij = g_ij / sqrt(max(row_i col_j / mean(row), eps1^2)) of every element and returns Σ u².
    private static func factoredSteps<T: OptimizerScalar>(
        _ f: Factoring, _ g: UnsafeBufferPointer<T>, row: UnsafeMutableBufferPointer<T>, column: UnsafeMutableBufferPointer<T>,
        eps1: T, floor: T, _ visit: (Int, T) -> Void
    ) -> Double {
        var sum = 0.0
        for b in 0..<f.batch {
            let mean = rowMean(f, b, row: UnsafeBufferPointer(row), eps1: eps1)
            for i in 0..<f.rows {
                for j in 0..<f.columns {
                    let index = (b * f.rows + i) * f.columns + j
                    let v = row[b * f.rows + i] * column[b * f.columns + j] / mean
                    let u = (1 / max(v, floor).squareRoot()) * g[index]
                    sum += Double(u) * Double(u)
                    visit(index, u)
                }
            }
        }
        return sum
    }
}
