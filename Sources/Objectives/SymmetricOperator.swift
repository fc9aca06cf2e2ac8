/// A symmetric linear operator on R^n: an explicit matrix, or products y = A x (a network's
/// Hessian-vector products) when the matrix is too large to form.
///
/// Products may run on several threads at once, each passing its own `worker` index (below
/// `workers`), so an operator backed by scratch buffers keeps one set per worker.
public struct SymmetricOperator: Sendable {
    /// y = A x for a vector x; `worker` says which of the concurrent callers is asking.
    public typealias Product = @Sendable (
        _ x: UnsafeBufferPointer<Double>, _ y: UnsafeMutableBufferPointer<Double>, _ worker: Int
    ) -> Void

    /// n, the length of the vectors it acts on.
    public let dimension: Int
    /// The matrix itself, when the operator is one.
    public let matrix: Matrix?
    /// How many callers may apply it at once (worker indices 0 ..< workers).
    public let workers: Int
    private let product: Product

    /// The operator of a symmetric matrix (only its products and principal blocks are used).
    ///
    /// - Precondition: the matrix is square.
    public init(_ matrix: Matrix) {
        precondition(matrix.isSquare, "a symmetric operator needs a square matrix")
        self.matrix = matrix
        dimension = matrix.rows
        workers = Int.max
        product = { x, y, _ in matrix.multiply(x, into: y) }
    }

    /// An operator known only through its products: `product` must be linear and symmetric
    /// (x . A y = y . A x), and safe to call concurrently with distinct `worker` values.
    public init(dimension: Int, workers: Int, product: @escaping Product) {
        precondition(dimension >= 0 && workers >= 1, "a dimension of 0 or more and at least one worker")
        self.dimension = dimension
        self.workers = workers
        self.product = product
        matrix = nil
    }

    /// y = A x.
    public func apply(_ x: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>, worker: Int = 0) {
        precondition(x.count == dimension && y.count == dimension, "vectors of the operator's dimension")
        precondition(worker >= 0 && worker < workers, "worker \(worker) of \(workers)")
        product(x, y, worker)
    }

    /// A x as a new array.
    public func apply(_ x: [Double], worker: Int = 0) -> [Double] {
        var y = [Double](repeating: 0, count: dimension)
        x.withUnsafeBufferPointer { x in y.withUnsafeMutableBufferPointer { apply(x, into: $0, worker: worker) } }
        return y
    }

    /// The principal block on coordinates `range`: its submatrix, or products of A with vectors
    /// that are zero outside `range`, read on `range`.
    public func restricted(to range: Range<Int>) -> SymmetricOperator {
        precondition(range.lowerBound >= 0 && range.upperBound <= dimension, "a range inside the operator")
        if range == 0..<dimension { return self }
        if let matrix {
            var block = Matrix(rows: range.count, columns: range.count)
            for (i, row) in range.enumerated() {
                let base = row * matrix.columns + range.lowerBound
                for j in 0..<range.count { block.elements[i * range.count + j] = matrix.elements[base + j] }
            }
            return SymmetricOperator(block)
        }
        let full = self
        return SymmetricOperator(dimension: range.count, workers: workers) { x, y, worker in
            var wide = [Double](repeating: 0, count: full.dimension)
            var image = [Double](repeating: 0, count: full.dimension)
            for i in 0..<x.count { wide[range.lowerBound + i] = x[i] }
            wide.withUnsafeBufferPointer { w in image.withUnsafeMutableBufferPointer { full.product(w, $0, worker) } }
            for i in 0..<y.count { y[i] = image[range.lowerBound + i] }
        }
    }

    /// Column `j` of A: A e_j.
    public func column(_ j: Int, worker: Int = 0) -> [Double] {
        if let matrix { return matrix.column(j) }
        var unit = [Double](repeating: 0, count: dimension)
        unit[j] = 1
        return apply(unit, worker: worker)
    }
}
