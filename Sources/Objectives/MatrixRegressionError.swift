/// Why a matrix regression could not be built.
public enum MatrixRegressionError: Error, CustomStringConvertible, Equatable, Sendable {
    /// N is outside 1...10 000.
    case sampleCountOutOfRange(Int)
    /// X and Y have different numbers of rows.
    case sampleCountMismatch(inputs: Int, targets: Int)
    /// W's shape [m, n] has a zero dimension or more than 1000 entries.
    case shapeOutOfRange(rows: Int, columns: Int)
    /// X and Y together would hold more than 200 000 numbers.
    case tooMuchData(samples: Int, rows: Int, columns: Int)
    /// Generated data needs at least m samples (and at most 10 000).
    case tooFewSamples(samples: Int, rows: Int)
    /// The condition number is not in 1...1e12.
    case invalidCondition(Double)
    /// The noise is negative or not finite.
    case invalidNoise(Double)
    /// An entry of X or Y is NaN or infinite.
    case nonFinite(what: String)

    /// What was wrong and what would be valid.
    public var description: String {
        switch self {
        case let .sampleCountOutOfRange(count):
            "the number of samples must be between 1 and \(MatrixRegression.maximumSamples), got \(count)"
        case let .sampleCountMismatch(inputs, targets):
            "inputs has \(inputs) rows but targets has \(targets); give one target row per input row"
        case let .shapeOutOfRange(rows, columns):
            "the weight's shape [\(rows), \(columns)] must have positive dimensions and at most \(MatrixRegression.maximumParameters) entries"
        case let .tooMuchData(samples, rows, columns):
            "\(samples) samples of \(rows) inputs and \(columns) targets make \(samples * (rows + columns)) numbers; the limit is \(MatrixRegression.maximumDataEntries) (fewer samples or a smaller weight)"
        case let .tooFewSamples(samples, rows):
            "samples = \(samples) must be between \(rows) (the weight's rows, so X^T X / N can have the requested spectrum) and \(MatrixRegression.maximumSamples)"
        case let .invalidCondition(value):
            "condition = \(value) must be a number from 1 to \(MatrixRegression.maximumCondition)"
        case let .invalidNoise(value):
            "noise = \(value) must be a finite number >= 0"
        case let .nonFinite(what):
            "\(what) must contain only finite numbers"
        }
    }
}
