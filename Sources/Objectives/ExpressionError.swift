/// Why a formula could not be parsed: the 1-based column (in characters) where the problem was
/// found and a message saying what was wrong and what would be valid.
public struct ExpressionError: Error, CustomStringConvertible, Equatable, Sendable {
    /// 1-based character column in the formula.
    public let column: Int
    /// What was wrong and what would be valid there.
    public let message: String

    /// Creates an error at a column.
    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    /// "column 7: expected ')' to close '(' at column 3".
    public var description: String { "column \(column): \(message)" }
}
