/// A surface given by a formula in x and y, e.g. `"x^2 + 10*y^2"` or `"sin(x) * cos(y)"`.
///
/// The formula is compiled once; values run the compiled program on doubles and derivatives run
/// it on `Jet2`, so gradients and Hessians are exact. See `ExpressionParser` for the grammar:
/// `+ - * / ^`, unary minus, parentheses, numbers, `pi`, `e`, `x`, `y` and the functions
/// sin cos tan exp log sqrt abs tanh sinh cosh (abs has derivative 0 at 0).
public struct ExpressionSurface: PlanarObjective, CustomStringConvertible {
    /// The formula as written.
    public let formula: String
    /// The region to draw; [-5, 5]² unless set.
    public var viewBox: ViewBox
    /// Where runs start unless told otherwise; defaults to a point near the box's top-left corner.
    public var defaultStart: [Double]
    /// Whether the heatmap should colour on a log scale (off unless set).
    public var prefersLogColour: Bool = false

    private let program: ExpressionProgram

    /// Parses and compiles `formula`.
    ///
    /// Throws an `ExpressionError` with the column and a message for empty input, unknown names
    /// (with the nearest valid one suggested), malformed numbers, unbalanced parentheses,
    /// trailing input, and nesting deeper than `ExpressionSurface.maximumNesting` levels.
    public init(formula: String, viewBox: ViewBox = .square(halfWidth: 5)) throws(ExpressionError) {
        self.formula = formula
        self.viewBox = viewBox
        self.defaultStart = [
            viewBox.x.lowerBound + 0.15 * viewBox.width, viewBox.y.upperBound - 0.15 * viewBox.height,
        ]
        self.program = try ExpressionProgram(formula)
    }

    /// The most parentheses, signs and powers that may be open at once in a formula.
    public static var maximumNesting: Int { ExpressionParser.maximumNesting }

    /// The canonical printed form, which parses back to the same expression tree.
    public var description: String { program.canonicalText }

    /// The formula as written.
    public var title: String { formula }

    /// No minima are known for an arbitrary formula.
    public var minima: [[Double]] { [] }

    /// Unknown for an arbitrary formula.
    public var minimumValue: Double? { nil }

    /// f(x, y) in plain doubles.
    public func value(x: Double, y: Double) -> Double {
        program.evaluate(x: x, y: y)
    }

    /// f with its exact gradient and Hessian at (x, y).
    public func jet(x: Double, y: Double) -> Jet2 {
        program.evaluate(x: Jet2.x(x), y: Jet2.y(y))
    }
}
