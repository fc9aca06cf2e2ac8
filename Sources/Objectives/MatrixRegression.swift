import OptimizerCore

/// Least squares over a matrix: f(W) = 1/(2N) ‖X W − Y‖²_F for W of shape [m, n], X of N rows
/// of m inputs and Y of N rows of n targets.
///
/// The parameter vector is one tensor `weight` of shape [m, n], row-major: coordinate i·n + j
/// is W_ij. The gradient is Xᵀ (X W − Y) / N and the Hessian is the same everywhere,
/// H = (Xᵀ X / N) ⊗ I_n, that is H[(i, j), (k, l)] = (Xᵀ X / N)_ik δ_jl. So f is the quadratic
/// ½ (w − w*)ᵀ H (w − w*) + f(W*) with W* from the normal equations (Xᵀ X) W* = Xᵀ Y (the
/// least-norm solution when Xᵀ X is singular), which `quadratic` holds exactly.
public struct MatrixRegression: Objective {
    /// The most samples accepted.
    public static let maximumSamples = 10_000
    /// The most parameters accepted (m · n): the Hessian is held densely.
    public static let maximumParameters = Quadratic.maximumDimension
    /// The most numbers X and Y may hold together, N · (m + n): bounds memory and the O(N m n)
    /// cost of every gradient.
    public static let maximumDataEntries = 200_000

    /// X, N × m.
    public let inputs: Matrix
    /// Y, N × n.
    public let targets: Matrix
    /// The exact quadratic model of f − f(W*): H and W* (flattened row-major), one Hessian block.
    public let quadratic: Quadratic
    /// The one tensor `weight` of shape [m, n].
    public let layout: ParameterLayout
    /// f(W*), the residual the best W leaves.
    public let minimumValue: Double?

    /// Validates the data and solves the normal equations.
    ///
    /// - Parameters:
    ///   - inputs: X, 1...10 000 rows of m ≥ 1 finite numbers.
    ///   - targets: Y, as many rows as X, of n ≥ 1 finite numbers; m · n at most 1000 and
    ///     N · (m + n) at most 200 000.
    public init(inputs: Matrix, targets: Matrix) throws(MatrixRegressionError) {
        guard (1...Self.maximumSamples).contains(inputs.rows) else { throw .sampleCountOutOfRange(inputs.rows) }
        guard targets.rows == inputs.rows else { throw .sampleCountMismatch(inputs: inputs.rows, targets: targets.rows) }
        let m = inputs.columns, n = targets.columns
        guard m >= 1, n >= 1, m * n <= Self.maximumParameters else { throw .shapeOutOfRange(rows: m, columns: n) }
        guard inputs.rows * (m + n) <= Self.maximumDataEntries else { throw .tooMuchData(samples: inputs.rows, rows: m, columns: n) }
        guard inputs.elements.allSatisfy(\.isFinite) else { throw .nonFinite(what: "inputs") }
        guard targets.elements.allSatisfy(\.isFinite) else { throw .nonFinite(what: "targets") }
        self.inputs = inputs
        self.targets = targets
        self.layout = ParameterLayout([("weight", [m, n])])
        let samples = Double(inputs.rows)
        let gram = Self.scaledGram(inputs, by: 1 / samples)
        let moments = Self.scaledCross(inputs, targets, by: 1 / samples)
        let (values, vectors) = gram.symmetricEigen()
        let solution = Self.leastNormSolution(values: values, vectors: vectors, rightHandSide: moments)
        quadratic = Quadratic(validated: Self.kroneckerWithIdentity(gram, n), minimum: solution.elements,
                              blockSizes: [m * n], blockLargestEigenvalues: [values.last ?? 0])
        minimumValue = solution.elements.withUnsafeBufferPointer {
            Self.residuals(of: inputs, targets, at: $0) { _, _, _ in }
        }
    }

    /// Number of parameters, m · n.
    public var dimension: Int { inputs.columns * targets.columns }
    /// N.
    public var sampleCount: Int { inputs.rows }
    /// [m, n], the shape of W.
    public var shape: [Int] { [inputs.columns, targets.columns] }
    /// The exact quadratic model.
    public var quadraticModel: Quadratic? { quadratic }
    /// W*, flattened row-major.
    public var minimumPoint: [Double] { quadratic.minimumPoint }

    /// f(W) in O(N m n) without allocating.
    public func value(at x: UnsafeBufferPointer<Double>) -> Double {
        Self.residuals(of: inputs, targets, at: x) { _, _, _ in }
    }

    /// Writes Xᵀ (X W − Y) / N into `gradient` and returns f(W), in O(N m n) without allocating.
    public func valueAndGradient(at x: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>) -> Double {
        for index in gradient.indices { gradient[index] = 0 }
        let n = targets.columns
        let scale = 1 / Double(inputs.rows)
        return Self.residuals(of: inputs, targets, at: x) { row, column, residual in
            let weighted = residual * scale
            for i in 0..<row.count { gradient[i * n + column] += row[i] * weighted }
        }
    }

    /// H = (Xᵀ X / N) ⊗ I_n, the same everywhere.
    public func hessian(at x: [Double]) -> Matrix {
        quadratic.hessianMatrix
    }

    /// Σ r² / 2N, visiting every residual r = (X W − Y)_sj with its input row X_s and column j.
    private static func residuals(
        of inputs: Matrix, _ targets: Matrix,
        at x: UnsafeBufferPointer<Double>,
        _ visit: (UnsafeBufferPointer<Double>, Int, Double) -> Void
    ) -> Double {
        let m = inputs.columns, n = targets.columns
        var total = 0.0
        inputs.elements.withUnsafeBufferPointer { xs in
            targets.elements.withUnsafeBufferPointer { ys in
                for s in 0..<inputs.rows {
                    let row = UnsafeBufferPointer(rebasing: xs[(s * m)..<(s * m + m)])
                    for j in 0..<n {
                        var prediction = 0.0
                        for i in 0..<m { prediction += row[i] * x[i * n + j] }
                        let residual = prediction - ys[s * n + j]
                        total += residual * residual
                        visit(row, j, residual)
                    }
                }
            }
        }
        return 0.5 * total / Double(inputs.rows)
    }

    /// Aᵀ A · scale, exactly symmetric.
    static func scaledGram(_ a: Matrix, by scale: Double) -> Matrix {
        var gram = Matrix(rows: a.columns, columns: a.columns)
        for i in 0..<a.columns {
            for k in 0...i {
                var sum = 0.0
                for s in 0..<a.rows { sum += a[s, i] * a[s, k] }
                gram[i, k] = sum * scale
                gram[k, i] = sum * scale
            }
        }
        return gram
    }

    /// Aᵀ B · scale.
    static func scaledCross(_ a: Matrix, _ b: Matrix, by scale: Double) -> Matrix {
        var product = Matrix(rows: a.columns, columns: b.columns)
        for i in 0..<a.columns {
            for j in 0..<b.columns {
                var sum = 0.0
                for s in 0..<a.rows { sum += a[s, i] * b[s, j] }
                product[i, j] = sum * scale
            }
        }
        return product
    }

    /// A⁺ B from A's eigen decomposition, dropping eigenvalues below 1e-12 of the largest, so a
    /// singular Xᵀ X gives the least-norm minimiser.
    static func leastNormSolution(values: [Double], vectors: Matrix, rightHandSide b: Matrix) -> Matrix {
        let m = values.count
        let cutoff = 1e-12 * max(values.last ?? 0, 0)
        var solution = Matrix(rows: m, columns: b.columns)
        for k in 0..<m where values[k] > cutoff {
            for j in 0..<b.columns {
                var projection = 0.0
                for i in 0..<m { projection += vectors[i, k] * b[i, j] }
                let coefficient = projection / values[k]
                for i in 0..<m { solution[i, j] += vectors[i, k] * coefficient }
            }
        }
        return solution
    }

    /// A ⊗ I_n in row-major coordinates i·n + j.
    static func kroneckerWithIdentity(_ a: Matrix, _ n: Int) -> Matrix {
        let size = a.rows * n
        var result = Matrix(rows: size, columns: size)
        for i in 0..<a.rows {
            for k in 0..<a.rows {
                for j in 0..<n { result[i * n + j, k * n + j] = a[i, k] }
            }
        }
        return result
    }
}
