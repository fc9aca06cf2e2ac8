/// One step of a compiled formula: a postfix (reverse Polish) program run on a value stack.
enum ExpressionInstruction: Sendable, Equatable {
    /// A numeric literal.
    case number(Double)
    /// A named constant.
    case constant(NamedConstant)
    /// The variable x.
    case x
    /// The variable y.
    case y
    /// Pops b then a, pushes a + b.
    case add
    /// Pops b then a, pushes a − b.
    case subtract
    /// Pops b then a, pushes a · b.
    case multiply
    /// Pops b then a, pushes a / b.
    case divide
    /// Pops b then a, pushes a ^ b.
    case power
    /// Replaces the top with its negation.
    case negate
    /// Replaces the top with the function applied to it.
    case function(ElementaryFunction)

    /// Change in stack height when the instruction runs.
    var stackEffect: Int {
        switch self {
        case .number, .constant, .x, .y: 1
        case .add, .subtract, .multiply, .divide, .power: -1
        case .negate, .function: 0
        }
    }
}

/// Constants a formula may name.
enum NamedConstant: String, CaseIterable, Sendable {
    case pi
    case e

    var value: Double {
        switch self {
        case .pi: Double.pi
        case .e: eulerNumber
        }
    }
}
