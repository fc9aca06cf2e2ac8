extension ExpressionProgram {
    /// Binding strength of a printed subexpression, loosest first.
    private enum Binding: Int, Comparable {
        case sum = 1, product, negation, power, atom

        static func < (lhs: Binding, rhs: Binding) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The formula in canonical form: single spaces around `+ - * /`, none around `^`, and only
    /// the parentheses needed to parse back to the same tree.
    ///
    /// Rebuilt from the postfix program with an explicit stack (no recursion), appending to the
    /// left operand in place so long chains print in linear time.
    var canonicalText: String {
        var stack: [(text: String, binding: Binding)] = []
        stack.reserveCapacity(stackDepth)
        for instruction in instructions {
            switch instruction {
            case let .number(value):
                stack.append((Self.format(value), .atom))
            case let .constant(constant):
                stack.append((constant.rawValue, .atom))
            case .x:
                stack.append(("x", .atom))
            case .y:
                stack.append(("y", .atom))
            case .negate:
                let operand = stack.removeLast()
                stack.append(("-" + Self.wrap(operand, if: operand.binding < .negation), .negation))
            case let .function(function):
                let argument = stack.removeLast()
                stack.append((function.rawValue + "(" + argument.text + ")", .atom))
            case .add, .subtract, .multiply, .divide, .power:
                let right = stack.removeLast()
                var left = stack.removeLast()
                let (symbol, binding): (String, Binding) = switch instruction {
                case .add: (" + ", .sum)
                case .subtract: (" - ", .sum)
                case .multiply: (" * ", .product)
                case .divide: (" / ", .product)
                default: ("^", .power)
                }
                // Left-associative operators need parentheses on the right at equal binding; the
                // power is right-associative and takes a signed operand on its right.
                let leftNeedsParentheses = binding == .power ? left.binding <= .power : left.binding < binding
                let rightNeedsParentheses = binding == .power ? right.binding < .negation : right.binding <= binding
                if leftNeedsParentheses { left.text = "(" + left.text + ")" }
                left.text += symbol
                left.text += Self.wrap(right, if: rightNeedsParentheses)
                left.binding = binding
                stack.append(left)
            }
        }
        return stack.last?.text ?? ""
    }

    private static func wrap(_ part: (text: String, binding: Binding), if condition: Bool) -> String {
        condition ? "(" + part.text + ")" : part.text
    }

    /// Shortest text that reads back as exactly `value` ("2" rather than "2.0").
    private static func format(_ value: Double) -> String {
        if value == value.rounded(), Swift.abs(value) < 1e15 {
            return String(Int64(value))
        }
        return value.description
    }
}
