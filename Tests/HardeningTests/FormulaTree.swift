import Foundation
import OptimizerCore

/// A random formula as a tree: written out fully parenthesised with random spacing, and
/// evaluated independently of the parser, operation for operation, as the oracle.
indirect enum FormulaTree {
    case number(Double)
    case x, y, pi, e
    case negate(FormulaTree)
    case function(String, FormulaTree)
    case binary(Character, FormulaTree, FormulaTree)

    static let functions = ["sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh", "sinh", "cosh"]
    static let numbers: [Double] = [0, 1, 2, 3, 0.5, 0.1, 1e-3, 2.5e10, 123456789012345680, 1e300, .leastNonzeroMagnitude, 7, 10]

    /// A random tree with at most `depth` levels.
    static func random(_ random: inout Mutator, depth: Int) -> FormulaTree {
        if depth == 0 || random.below(4) == 0 {
            switch random.below(6) {
            case 0: return .number(random.pick(numbers))
            case 1: return .number(Double(random.below(1000)) / 8)
            case 2: return .x
            case 3: return .y
            case 4: return random.below(2) == 0 ? .pi : .e
            default: return .x
            }
        }
        switch random.below(6) {
        case 0: return .negate(Self.random(&random, depth: depth - 1))
        case 1: return .function(random.pick(functions), Self.random(&random, depth: depth - 1))
        default:
            return .binary(random.pick(Array("+-*/^")), Self.random(&random, depth: depth - 1), Self.random(&random, depth: depth - 1))
        }
    }

    /// Fully parenthesised text with random (but valid) spacing and number spellings.
    func written(_ random: inout Mutator) -> String {
        let space = random.pick(["", " ", "  ", "\t"])
        switch self {
        case .number(let value):
            if value == value.rounded(), value < 1e15 {
                return random.pick(["\(Int(value))", "\(Int(value)).0", "\(Int(value))e0"])
            }
            return "\(value)"
        case .x: return "x"
        case .y: return "y"
        case .pi: return "pi"
        case .e: return "e"
        case .negate(let operand): return "(-(" + operand.written(&random) + "))"
        case .function(let name, let argument): return name + space + "(" + argument.written(&random) + ")"
        case .binary(let op, let left, let right):
            return "(" + left.written(&random) + space + String(op) + space + right.written(&random) + ")"
        }
    }

    /// The value at (x, y), computed with the same C library calls in the same order.
    func value(x: Double, y: Double) -> Double {
        switch self {
        case .number(let value): return value
        case .x: return x
        case .y: return y
        case .pi: return Double.pi
        case .e: return 2.718281828459045
        case .negate(let operand): return -operand.value(x: x, y: y)
        case .function(let name, let argument):
            let a = argument.value(x: x, y: y)
            switch name {
            case "sin": return sin(a)
            case "cos": return cos(a)
            case "tan": return tan(a)
            case "exp": return exp(a)
            case "log": return log(a)
            case "sqrt": return a.squareRoot()
            case "abs": return Swift.abs(a)
            case "tanh": return tanh(a)
            case "sinh": return sinh(a)
            default: return cosh(a)
            }
        case .binary(let op, let left, let right):
            let a = left.value(x: x, y: y), b = right.value(x: x, y: y)
            switch op {
            case "+": return a + b
            case "-": return a - b
            case "*": return a * b
            case "/": return a / b
            default: return pow(a, b)
            }
        }
    }
}

/// Bitwise equality, with every NaN equal to every other.
func sameValue(_ a: Double, _ b: Double) -> Bool {
    a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
}
