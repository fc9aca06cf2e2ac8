import OptimizerCore

/// The quadratic f(x) = ½ (x − x*)ᵀ H (x − x*) with a symmetric positive semi-definite H made
/// of diagonal blocks (possibly coupled): the Adam-mini paper's toy problem.
///
/// Its minimum value is 0 at x*. The parameter layout has one tensor per Hessian block, named
/// "block0", "block1", ...
public struct Quadratic: Objective {
    /// The largest dimension accepted.
    public static let maximumDimension = 1000

    /// H.
    public let hessianMatrix: Matrix
    /// x*, where f = 0.
    public let minimumPoint: [Double]
    /// Sizes of the diagonal blocks, in order.
    public let blockSizes: [Int]
    /// Index of each block's first coordinate.
    public let blockOffsets: [Int]
    /// One tensor "block<b>" per diagonal block.
    public let layout: ParameterLayout

    private let blockLargestEigenvalues: [Double]
    private let eigenCache = EigenCache()

    /// Validates and wraps a Hessian.
    ///
    /// - Parameters:
    ///   - hessian: square, symmetric (to 1e-10 relative to its largest entry), finite, positive
    ///     semi-definite (eigenvalues ≥ −1e-9 relative), dimension 1...1000.
    ///   - minimum: x*, one finite coordinate per row.
    ///   - blockSizes: positive sizes adding up to the dimension; empty means one block.
    public init(hessian: Matrix, minimum: [Double], blockSizes: [Int]) throws(QuadraticError) {
        guard hessian.isSquare else { throw .notSquare(rows: hessian.rows, columns: hessian.columns) }
        let n = hessian.rows
        guard (1...Self.maximumDimension).contains(n) else { throw .dimensionOutOfRange(n) }
        guard hessian.elements.allSatisfy(\.isFinite) else { throw .nonFinite(what: "the Hessian") }
        guard minimum.count == n else { throw .minimumDimensionMismatch(expected: n, got: minimum.count) }
        guard minimum.allSatisfy(\.isFinite) else { throw .nonFinite(what: "the minimum point") }
        let sizes = blockSizes.isEmpty ? [n] : blockSizes
        guard sizes.allSatisfy({ $0 > 0 }), sizes.reduce(0, +) == n else {
            throw .invalidBlockSizes(blockSizes, dimension: n)
        }
        if let (row, column) = Self.worstAsymmetry(of: hessian, tolerance: 1e-10) {
            throw .notSymmetric(
                row: row, column: column, value: hessian[row, column], mirrored: hessian[column, row]
            )
        }
        guard Self.isPositiveSemidefinite(hessian) else { throw .notPositiveSemidefinite }
        let offsets = Self.offsets(of: sizes)
        let largest = zip(sizes, offsets).map { size, offset in
            Self.block(of: hessian, offset: offset, size: size).symmetricEigenvalues().last ?? 0
        }
        self.init(validated: hessian, minimum: minimum, blockSizes: sizes, blockLargestEigenvalues: largest)
    }

    /// Wraps a Hessian already known to be valid, with the largest eigenvalue of each block.
    init(validated hessian: Matrix, minimum: [Double], blockSizes: [Int], blockLargestEigenvalues: [Double]) {
        self.hessianMatrix = hessian
        self.minimumPoint = minimum
        self.blockSizes = blockSizes
        self.blockOffsets = Self.offsets(of: blockSizes)
        self.blockLargestEigenvalues = blockLargestEigenvalues
        self.layout = ParameterLayout(blockSizes.enumerated().map { ("block\($0.offset)", [$0.element]) })
    }

    /// Number of coordinates.
    public var dimension: Int { hessianMatrix.rows }

    /// Number of diagonal blocks.
    public var blockCount: Int { blockSizes.count }

    /// 0, attained at `minimumPoint`.
    public var minimumValue: Double? { 0 }

    /// Itself.
    public var quadraticModel: Quadratic? { self }

    /// The largest eigenvalue of diagonal block `b` (1/λ_max is the ideal blockwise GD step).
    ///
    /// - Precondition: `b` is a valid block index.
    public func blockLambdaMax(_ b: Int) -> Double {
        blockLargestEigenvalues[b]
    }

    /// The eigen decomposition of H (ascending values, vectors as columns), computed on first
    /// use and cached: the visualizer projects onto the eigenvectors of the largest and smallest
    /// eigenvalue.
    public var eigen: (values: [Double], vectors: Matrix) {
        eigenCache.decomposition { hessianMatrix.symmetricEigen() }
    }

    /// The Hessian blocks as an Adam-mini block map: one block per Hessian block, one run per tensor.
    public var blockMap: BlockMap {
        BlockMap(runs: zip(blockSizes, blockOffsets).enumerated().map { index, block in
            BlockRun(tensorIndex: index, offset: block.1, blockSize: block.0, blockCount: 1)
        })
    }

    /// f(x) = ½ (x − x*)ᵀ H (x − x*), in O(n²) without allocating.
    public func value(at x: UnsafeBufferPointer<Double>) -> Double {
        let n = dimension
        return hessianMatrix.elements.withUnsafeBufferPointer { h in
            minimumPoint.withUnsafeBufferPointer { m in
                var total = 0.0
                for i in 0..<n {
                    var row = 0.0
                    for j in 0..<n { row += h[i * n + j] * (x[j] - m[j]) }
                    total += (x[i] - m[i]) * row
                }
                return 0.5 * total
            }
        }
    }

    /// Writes H (x − x*) into `gradient` and returns f(x), in O(n²) without allocating.
    public func valueAndGradient(
        at x: UnsafeBufferPointer<Double>,
        gradient: UnsafeMutableBufferPointer<Double>
    ) -> Double {
        let n = dimension
        return hessianMatrix.elements.withUnsafeBufferPointer { h in
            minimumPoint.withUnsafeBufferPointer { m in
                var total = 0.0
                for i in 0..<n {
                    var row = 0.0
                    for j in 0..<n { row += h[i * n + j] * (x[j] - m[j]) }
                    gradient[i] = row
                    total += (x[i] - m[i]) * row
                }
                return 0.5 * total
            }
        }
    }

    /// H, the same everywhere.
    public func hessian(at x: [Double]) -> Matrix {
        hessianMatrix
    }

    static func offsets(of sizes: [Int]) -> [Int] {
        var offsets: [Int] = []
        var next = 0
        for size in sizes {
            offsets.append(next)
            next += size
        }
        return offsets
    }

    static func block(of matrix: Matrix, offset: Int, size: Int) -> Matrix {
        var block = Matrix(rows: size, columns: size)
        for i in 0..<size {
            for j in 0..<size { block[i, j] = matrix[offset + i, offset + j] }
        }
        return block
    }

    /// The mirrored pair that differs most, if any differs by more than `tolerance` relative to
    /// the largest entry.
    private static func worstAsymmetry(of matrix: Matrix, tolerance: Double) -> (Int, Int)? {
        let bound = tolerance * max(1, matrix.maxAbsoluteElement)
        var worst: (row: Int, column: Int, gap: Double)?
        for i in 0..<matrix.rows {
            for j in (i + 1)..<matrix.columns {
                let gap = abs(matrix[i, j] - matrix[j, i])
                if gap > bound, gap > (worst?.gap ?? 0) { worst = (i, j, gap) }
            }
        }
        return worst.map { ($0.row, $0.column) }
    }

    /// Cholesky factorisation of H + δI with δ = 1e-9 · max |h_ij|: succeeds for every positive
    /// semi-definite H (and for ones whose negative eigenvalues are mere rounding), fails when H
    /// has a clearly negative eigenvalue.
    private static func isPositiveSemidefinite(_ matrix: Matrix) -> Bool {
        let n = matrix.rows
        let shift = 1e-9 * max(matrix.maxAbsoluteElement, Double.leastNormalMagnitude)
        var factor = matrix.elements
        return factor.withUnsafeMutableBufferPointer { l in
            for j in 0..<n {
                var diagonal = l[j * n + j] + shift
                for k in 0..<j { diagonal -= l[j * n + k] * l[j * n + k] }
                guard diagonal > 0 else { return false }
                let pivot = diagonal.squareRoot()
                l[j * n + j] = pivot
                for i in (j + 1)..<n {
                    var entry = l[i * n + j]
                    for k in 0..<j { entry -= l[i * n + k] * l[j * n + k] }
                    l[i * n + j] = entry / pivot
                }
            }
            return true
        }
    }
}
