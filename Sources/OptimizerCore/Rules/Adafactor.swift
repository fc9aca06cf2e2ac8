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
    /// rest) are its statistics, the others empty. Returns the step's scale alpha / max(1, RMS(u)/d).
    @discardableResult
    public static func update<T: OptimizerScalar>(
        _ s: Step, factoring: Factoring?, parameters p: UnsafeMutableBufferPointer<T>, gradients g: UnsafeBufferPointer<T>,
        row: UnsafeMutableBufferPointer<T>, column: UnsafeMutableBufferPointer<T>, variance: UnsafeMutableBufferPointer<T>
    ) -> Double {
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
            for i in 0..<count { variance[i] = variance[i].lerp(to: g[i] * g[i], weight: weight) }
            var sum = 0.0
            for i in 0..<count {
                let u = (1 / max(variance[i], floor).squareRoot()) * g[i]
                sum += Double(u) * Double(u)
            }
            sumOfSquares = sum
        }
        let rms = (sumOfSquares / Double(count)).squareRoot()
        let stepScale = alpha / max(1, rms / s.clipThreshold)
        let scale = T(-stepScale)
        if let f = factoring {
            _ = factoredSteps(f, g, row: row, column: column, eps1: T(s.eps1), floor: floor) { index, u in p[index] += u * scale }
        } else {
            for i in 0..<count { p[i] += (1 / max(variance[i], floor).squareRoot()) * g[i] * scale }
        }
        return stepScale
    }

    /// 1 / sqrt(max(v_hat, eps1^2)) per coordinate, from the statistics the last update left.
    static func inverseRoots<T: OptimizerScalar>(
        _ s: Step, factoring: Factoring?, count: Int,
        row: UnsafeMutableBufferPointer<T>, column: UnsafeMutableBufferPointer<T>, variance: UnsafeMutableBufferPointer<T>
    ) -> [Double] {
        let floor = T(s.eps1) * T(s.eps1)
        guard let f = factoring else { return (0..<count).map { Double(1 / max(variance[$0], floor).squareRoot()) } }
        var roots = [Double](repeating: 0, count: count)
        _ = factoredSteps(f, nil, row: row, column: column, eps1: T(s.eps1), floor: floor) { index, inverseRoot in
            roots[index] = Double(inverseRoot)
        }
        return roots
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
                row[b * f.rows + i] = row[b * f.rows + i].lerp(to: norm * norm / T(f.columns), weight: weight)
            }
            for j in 0..<f.columns {
                var sum = 0.0
                for i in 0..<f.rows { sum += Double(g[base + i * f.columns + j]) * Double(g[base + i * f.columns + j]) }
                let norm = T(sum.squareRoot())
                column[b * f.columns + j] = column[b * f.columns + j].lerp(to: norm * norm / T(f.rows), weight: weight)
            }
        }
    }

    /// max(mean_i row_i, eps1) of matrix `b`.
    private static func rowMean<T: OptimizerScalar>(_ f: Factoring, _ b: Int, row: UnsafeBufferPointer<T>, eps1: T) -> T {
        var sum = T.zero
        for i in 0..<f.rows { sum += row[b * f.rows + i] }
        return max(sum / T(f.rows), eps1)
    }

    /// Visits u_ij = g_ij / sqrt(max(row_i col_j / mean(row), eps1^2)) of every element (without
    /// gradients: the factor 1 / sqrt(...) alone) and returns Σ u².
    private static func factoredSteps<T: OptimizerScalar>(
        _ f: Factoring, _ g: UnsafeBufferPointer<T>?, row: UnsafeMutableBufferPointer<T>, column: UnsafeMutableBufferPointer<T>,
        eps1: T, floor: T, _ visit: (Int, T) -> Void
    ) -> Double {
        var sum = 0.0
        for b in 0..<f.batch {
            let mean = rowMean(f, b, row: UnsafeBufferPointer(row), eps1: eps1)
            for i in 0..<f.rows {
                for j in 0..<f.columns {
                    let index = (b * f.rows + i) * f.columns + j
                    let v = row[b * f.rows + i] * column[b * f.columns + j] / mean
                    let u = (1 / max(v, floor).squareRoot()) * (g?[index] ?? 1)
                    sum += Double(u) * Double(u)
                    visit(index, u)
                }
            }
        }
        return sum
    }
}

extension Adafactor: TensorRule {
    public static let hyperparameters: [HyperparameterDescriptor] = [
        .init("lr", "caps the relative step: rho_t = min(lr, 1/sqrt(t))", .nonNegative, default: .real(1e-2)),
        .init("beta2_decay", "the new squares' weight is t^beta2_decay", .real(-1e6...0, openUpperBound: false), default: .real(-0.8)),
        .init("eps1", "floor of v's row mean and of v (none: the run's machine epsilon)",
              .optionalReal(0...Double.greatestFiniteMagnitude, absent: "none"), default: .choice("none")),
        .init("eps2", "floor of RMS(p) in the step", .nonNegative, default: .real(1e-3)),
        .init("d", "clipping threshold of RMS(u)", .real(1...Double.greatestFiniteMagnitude, openUpperBound: false), default: .real(1)),
        .init("weight_decay", "decoupled weight decay: p *= 1 - lr * wd", .nonNegative, default: .real(0)),
    ]

    public static let variants = [OptimizerVariant("adafactor", "Adafactor: row and column second moments per matrix, no first moment")]
    public static let adaptsStepSizes = true
    // No momentum: plain preconditioned gradient descent, stable below 2.
    public static func stabilityThreshold(_ h: Hyperparameters) -> Double { 2 }
    public static func weightDecay(_ h: Hyperparameters) -> WeightDecay { .decoupled(h.real("weight_decay")) }

    public enum State: Int, StateVectorName {
        case row, column, variance, stepScale
    }

    /// torch keeps `row_var` and `col_var` for tensors of two or more dimensions and `variance`
    /// for the rest; `step_scale`, alpha / max(1, RMS(u)/d) of the tensor's last update, is one
    /// number per tensor that the step-size view reads.
    public static func stateVector(_ vector: State, _ h: Hyperparameters) -> StateVectorSpec {
        switch vector {
        case .row: .init("row_var", .perTensor { Factoring(shape: $0.shape).map { $0.batch * $0.rows } ?? 0 })
        case .column: .init("col_var", .perTensor { Factoring(shape: $0.shape).map { $0.batch * $0.columns } ?? 0 })
        case .variance: .init("variance", .perTensor { Factoring(shape: $0.shape) == nil ? $0.count : 0 })
        case .stepScale: .init("step_scale", .perTensor { _ in 1 })
        }
    }

    public static func withUpdate<Body: TensorBody>(_ context: StepContext<Body.Scalar>, _ body: inout Body) {
        let h = context.hyperparameters
        let step = Step(t: context.step, lr: h.real("lr"), beta2Decay: h.real("beta2_decay"),
                        eps1: h.optionalReal("eps1") ?? Double(Body.Scalar.ulpOfOne), eps2: h.real("eps2"),
                        d: h.real("d"), weightDecay: h.real("weight_decay"))
        body.run(Update<Body.Scalar>(step: step))
    }

    struct Update<Scalar: OptimizerScalar>: TensorUpdate {
        let step: Step

        func apply(to tensor: TensorSpec, parameters: UnsafeMutableBufferPointer<Scalar>, gradients: UnsafeBufferPointer<Scalar>,
                   state: TensorState<Scalar, State>) {
            let scale = Adafactor.update(step, factoring: Factoring(shape: tensor.shape), parameters: parameters, gradients: gradients,
                                         row: state[.row], column: state[.column], variance: state[.variance])
            state[.stepScale][0] = Scalar(scale)
        }

        /// eta_ij = alpha / max(1, RMS(u)/d) / sqrt(v_hat_ij): the factor on g_ij of the last update.
        func stepSizes(of tensor: TensorSpec, state: TensorState<Scalar, State>) -> [Double] {
            let inverseRoots = Adafactor.inverseRoots(step, factoring: Factoring(shape: tensor.shape), count: tensor.count,
                                                      row: state[.row], column: state[.column], variance: state[.variance])
            let scale = Double(state[.stepScale][0])
            return inverseRoots.map { scale * $0 }
        }
    }
}

extension OptimizerKind {
    /// torch.optim.Adafactor.
    public static let adafactor = OptimizerKind(registered: "adafactor")
}
