/// A dense, row-major matrix of doubles.
///
/// `==` compares elements exactly; results of arithmetic should be compared with
/// `isApproximatelyEqual(to:tolerance:)` instead.
public struct Matrix: Sendable, Codable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The entries, row after row: element (i, j) is at `i * columns + j`.
    public var elements: [Double]

    /// Creates a matrix from its row-major elements.
    ///
    /// - Precondition: `elements.count == rows * columns` (a programmer error otherwise).
    public init(rows: Int, columns: Int, elements: [Double]) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        precondition(elements.count == rows * columns, "matrix needs rows * columns elements")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// Creates a matrix with every entry equal to `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(rows: rows, columns: columns, elements: Array(repeating: value, count: rows * columns))
    }

    /// Creates a matrix from nested rows, which must all have the same length.
    public init(_ nestedRows: [[Double]]) {
        let width = nestedRows.first?.count ?? 0
        precondition(nestedRows.allSatisfy { $0.count == width }, "rows of unequal length")
        self.init(rows: nestedRows.count, columns: width, elements: nestedRows.flatMap { $0 })
    }

    /// The n × n identity.
    public static func identity(_ n: Int) -> Matrix {
        var result = Matrix(rows: n, columns: n)
        for i in 0..<n { result[i, i] = 1 }
        return result
    }

    /// A square matrix with `values` on the diagonal.
    public static func diagonal(_ values: [Double]) -> Matrix {
        var result = Matrix(rows: values.count, columns: values.count)
        for (i, value) in values.enumerated() { result[i, i] = value }
        return result
    }

    /// Whether rows == columns.
    public var isSquare: Bool { rows == columns }

    /// Element (row, column).
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "index out of range")
            return elements[row * columns + column]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "index out of range")
            elements[row * columns + column] = newValue
        }
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Double] {
        Array(elements[(i * columns)..<((i + 1) * columns)])
    }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] {
        (0..<rows).map { elements[$0 * columns + j] }
    }

    /// The transpose.
    public var transpose: Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for i in 0..<rows {
            for j in 0..<columns {
                result.elements[j * rows + i] = elements[i * columns + j]
            }
        }
        return result
    }

    /// The matrix product `self · other`.
    ///
    /// - Precondition: `columns == other.rows`.
    public func multiply(_ other: Matrix) -> Matrix {
        precondition(columns == other.rows, "matrix product needs matching inner dimensions")
        var result = Matrix(rows: rows, columns: other.columns)
        let width = other.columns
        elements.withUnsafeBufferPointer { a in
            other.elements.withUnsafeBufferPointer { b in
                result.elements.withUnsafeMutableBufferPointer { c in
                    // i-k-j order streams rows of `other` and of the result contiguously.
                    for i in 0..<rows {
                        for k in 0..<columns {
                            let aik = a[i * columns + k]
                            if aik == 0 { continue }
                            let bRow = k * width
                            let cRow = i * width
                            for j in 0..<width { c[cRow + j] += aik * b[bRow + j] }
                        }
                    }
                }
            }
        }
        return result
    }

    /// The matrix-vector product `self · vector`.
    ///
    /// - Precondition: `vector.count == columns`.
    public func multiply(_ vector: [Double]) -> [Double] {
        precondition(vector.count == columns, "matrix-vector product needs matching dimensions")
        var result = [Double](repeating: 0, count: rows)
        for i in 0..<rows {
            var sum = 0.0
            for j in 0..<columns { sum += elements[i * columns + j] * vector[j] }
            result[i] = sum
        }
        return result
    }

    /// The matrix product.
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix { lhs.multiply(rhs) }

    /// Largest absolute entry (0 for an empty matrix).
    public var maxAbsoluteElement: Double {
        elements.reduce(0) { Swift.max($0, Swift.abs($1)) }
    }

    /// Whether the matrix is square and |a_ij − a_ji| ≤ tolerance · max(1, max |a|) for all i, j.
    public func isSymmetric(tolerance: Double = 1e-12) -> Bool {
        guard isSquare else { return false }
        let bound = tolerance * Swift.max(1, maxAbsoluteElement)
        for i in 0..<rows {
            for j in (i + 1)..<columns
            where !(Swift.abs(elements[i * columns + j] - elements[j * columns + i]) <= bound) {
                return false
            }
        }
        return true
    }

    /// Whether both matrices have the same shape and every entry differs by at most
    /// `tolerance · max(1, |a|, |b|)`.
    public func isApproximatelyEqual(to other: Matrix, tolerance: Double = 1e-12) -> Bool {
        guard rows == other.rows && columns == other.columns else { return false }
        for (a, b) in zip(elements, other.elements)
        where !(Swift.abs(a - b) <= tolerance * Swift.max(1, Swift.abs(a), Swift.abs(b))) {
            return false
        }
        return true
    }
}
