/// Why a quadratic could not be built.
public enum QuadraticError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The Hessian is not square.
    case notSquare(rows: Int, columns: Int)
    /// The dimension is outside 1...1000.
    case dimensionOutOfRange(Int)
    /// The Hessian is not symmetric: the worst pair of mirrored entries.
    case notSymmetric(row: Int, column: Int, value: Double, mirrored: Double)
    /// The Hessian is not positive semi-definite, so the quadratic has no minimum.
    case notPositiveSemidefinite
    /// An entry of the Hessian or of the minimum is NaN or infinite.
    case nonFinite(what: String)
    /// The minimum point has the wrong number of coordinates.
    case minimumDimensionMismatch(expected: Int, got: Int)
    /// Block sizes are not positive or do not add up to the dimension.
    case invalidBlockSizes([Int], dimension: Int)
    /// No blocks were requested.
    case noBlocks
    /// A block specification is unusable.
    case invalidBlock(index: Int, reason: String)
    /// The coupling strength is outside [0, 1).
    case invalidCoupling(Double)

    /// What was wrong and what would be valid.
    public var description: String {
        switch self {
        case let .notSquare(rows, columns):
            "the Hessian must be square, got \(rows) x \(columns)"
        case let .dimensionOutOfRange(dimension):
            "the dimension must be between 1 and \(Quadratic.maximumDimension), got \(dimension)"
        case let .notSymmetric(row, column, value, mirrored):
            "the Hessian must be symmetric: entry (\(row), \(column)) is \(value) but (\(column), \(row)) is \(mirrored)"
        case .notPositiveSemidefinite:
            "the Hessian must be positive semi-definite (no negative eigenvalues), or the quadratic has no minimum"
        case let .nonFinite(what):
            "\(what) must contain only finite numbers"
        case let .minimumDimensionMismatch(expected, got):
            "the minimum point must have \(expected) coordinates (one per Hessian row), got \(got)"
        case let .invalidBlockSizes(sizes, dimension):
            "block sizes must be positive and add up to the dimension \(dimension), got \(sizes)"
        case .noBlocks:
            "at least one block is needed"
        case let .invalidBlock(index, reason):
            "block \(index): \(reason)"
        case let .invalidCoupling(value):
            "coupling must be a finite number in [0, 1) (a fraction of the smallest block eigenvalue), got \(value)"
        }
    }
}
