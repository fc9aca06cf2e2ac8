/// A formula compiled once into postfix form, evaluated over any `SmoothScalar` without
/// allocating and printed back in a canonical form.
struct ExpressionProgram: Sendable {
    let instructions: [ExpressionInstruction]
    /// The deepest the value stack gets while running the program.
    let stackDepth: Int

    init(_ formula: String) throws(ExpressionError) {
        (instructions, stackDepth) = try ExpressionParser.compile(formula)
    }

    /// Runs the program at (x, y). The value stack lives in temporary (stack) memory whose size
    /// the parser bounded, so evaluation does not touch the heap.
    func evaluate<T: SmoothScalar>(x: T, y: T) -> T {
        withUnsafeTemporaryAllocation(of: T.self, capacity: max(1, stackDepth)) { stack in
            var top = -1
            for instruction in instructions {
                switch instruction {
                case let .number(value):
                    top += 1
                    stack.initializeElement(at: top, to: T(constant: value))
                case let .constant(constant):
                    top += 1
                    stack.initializeElement(at: top, to: T(constant: constant.value))
                case .x:
                    top += 1
                    stack.initializeElement(at: top, to: x)
                case .y:
                    top += 1
                    stack.initializeElement(at: top, to: y)
                case .negate:
                    stack[top] = -stack[top]
                case let .function(function):
                    stack[top] = T.apply(function, to: stack[top])
                case .add, .subtract, .multiply, .divide, .power:
                    let right = stack.moveElement(from: top)
                    top -= 1
                    let left = stack[top]
                    switch instruction {
                    case .add: stack[top] = left + right
                    case .subtract: stack[top] = left - right
                    case .multiply: stack[top] = left * right
                    case .divide: stack[top] = left / right
                    default: stack[top] = T.power(left, right)
                    }
                }
            }
            let result = stack.moveElement(from: 0)
            return result
        }
    }
}
