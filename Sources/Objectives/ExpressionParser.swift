/// Compiles a formula into a postfix program with an explicit operator stack (shunting-yard),
/// so neither long nor deeply nested input can overflow the call stack.
///
/// Grammar, loosest binding first: `+ -` (left), `* /` (left), unary `-`/`+`, `^` (right, and
/// tighter than unary minus: `-x^2 = -(x^2)`, `2^-x = 2^(-x)`); operands are numbers (`1`,
/// `2.5`, `.5`, `1e-3`, `2E+4`), `x`, `y`, `pi`, `e`, `name(expression)` for the elementary
/// functions, and parenthesised expressions.
struct ExpressionParser {
    /// The most operators and parentheses that may wait for their operands at once.
    static let maximumNesting = 200

    /// An operator waiting on the stack for its right operand to be complete.
    private enum Pending {
        case binary(ExpressionInstruction, precedence: Int, rightAssociative: Bool)
        case negate
        case parenthesis(offset: Int, function: ElementaryFunction?, name: String)

        var precedence: Int {
            switch self {
            case let .binary(_, precedence, _): precedence
            case .negate: 3
            case .parenthesis: 0
            }
        }
    }

    private var lexer: ExpressionLexer
    private var pending: [Pending] = []
    private(set) var program: [ExpressionInstruction] = []
    private var stackHeight = 0
    private(set) var maximumStackHeight = 0

    /// Parses `formula` into a postfix program and the value-stack depth it needs.
    static func compile(
        _ formula: String
    ) throws(ExpressionError) -> (program: [ExpressionInstruction], stackDepth: Int) {
        var parser = ExpressionParser(lexer: ExpressionLexer(formula))
        try parser.parse()
        return (parser.program, parser.maximumStackHeight)
    }

    private init(lexer: ExpressionLexer) {
        self.lexer = lexer
    }

    private mutating func parse() throws(ExpressionError) {
        var expectingOperand = true
        var previous: ExpressionToken?
        while true {
            let token = try lexer.next()
            if expectingOperand {
                (expectingOperand, previous) = try operand(token, after: previous)
                continue
            }
            if token.kind == .end {
                try finish(at: token)
                return
            }
            try afterOperand(token)
            expectingOperand = token.kind != .rightParenthesis
            previous = token
        }
    }

    /// Handles a token where an operand must start; returns whether an operand is still expected
    /// and the last token consumed.
    private mutating func operand(
        _ token: ExpressionToken,
        after previous: ExpressionToken?
    ) throws(ExpressionError) -> (expectingOperand: Bool, last: ExpressionToken) {
        switch token.kind {
        case let .number(value):
            emit(.number(value))
        case .variableX:
            emit(.x)
        case .variableY:
            emit(.y)
        case let .constant(constant):
            emit(.constant(constant))
        case let .function(function):
            let parenthesis = try lexer.next()
            guard parenthesis.kind == .leftParenthesis else {
                throw lexer.error(
                    at: token.offset,
                    "function '\(token.text)' must be followed by '(' as in \(token.text)(x)"
                )
            }
            try push(.parenthesis(offset: parenthesis.offset, function: function, name: token.text), at: token)
            return (true, parenthesis)
        case .leftParenthesis:
            try push(.parenthesis(offset: token.offset, function: nil, name: ""), at: token)
            return (true, token)
        case .minus:
            try push(.negate, at: token)
            return (true, token)
        case .plus:
            return (true, token)
        case .end where previous == nil:
            throw lexer.error(at: 0, "empty formula: expected an expression in x and y, e.g. x^2 + y^2")
        case .rightParenthesis:
            if case let .parenthesis(_, function, name)? = pending.last, function != nil,
                previous?.kind == .leftParenthesis {
                throw lexer.error(at: token.offset, "function '\(name)' needs an argument, as in \(name)(x)")
            }
            if case .parenthesis? = pending.last, previous?.kind == .leftParenthesis {
                throw lexer.error(at: token.offset, "empty parentheses: expected an expression inside '( )'")
            }
            throw expectedOperand(found: token, after: previous)
        default:
            throw expectedOperand(found: token, after: previous)
        }
        return (false, token)
    }

    /// Handles a token after a complete operand: a binary operator, ')' or garbage.
    private mutating func afterOperand(_ token: ExpressionToken) throws(ExpressionError) {
        switch token.kind {
        case .plus: try binary(.add, precedence: 1, rightAssociative: false, at: token)
        case .minus: try binary(.subtract, precedence: 1, rightAssociative: false, at: token)
        case .star: try binary(.multiply, precedence: 2, rightAssociative: false, at: token)
        case .slash: try binary(.divide, precedence: 2, rightAssociative: false, at: token)
        case .caret: try binary(.power, precedence: 4, rightAssociative: true, at: token)
        case .rightParenthesis:
            while let top = pending.popLast() {
                if case let .parenthesis(_, function, _) = top {
                    if let function { emit(.function(function)) }
                    return
                }
                emit(instruction(for: top))
            }
            throw lexer.error(at: token.offset, "unexpected ')' without a matching '('")
        case .number, .variableX, .variableY, .constant, .function, .leftParenthesis:
            throw lexer.error(
                at: token.offset,
                "unexpected '\(token.text)' after a complete expression (write '*' to multiply)"
            )
        case .unexpected, .end:
            if let open = innermostParenthesis() {
                throw lexer.error(
                    at: token.offset,
                    "expected ')' to close '(' at column \(lexer.column(ofOffset: open)), found '\(token.text)'"
                )
            }
            throw lexer.error(at: token.offset, "unexpected '\(token.text)' after a complete expression")
        }
    }

    private mutating func finish(at end: ExpressionToken) throws(ExpressionError) {
        while let top = pending.popLast() {
            if case let .parenthesis(offset, _, _) = top {
                throw lexer.error(
                    at: end.offset,
                    "expected ')' to close '(' at column \(lexer.column(ofOffset: offset))"
                )
            }
            emit(instruction(for: top))
        }
    }

    private mutating func binary(
        _ instruction: ExpressionInstruction,
        precedence: Int,
        rightAssociative: Bool,
        at token: ExpressionToken
    ) throws(ExpressionError) {
        while let top = pending.last,
            top.precedence > precedence || (top.precedence == precedence && !rightAssociative) {
            pending.removeLast()
            emit(self.instruction(for: top))
        }
        try push(.binary(instruction, precedence: precedence, rightAssociative: rightAssociative), at: token)
    }

    private mutating func push(_ operation: Pending, at token: ExpressionToken) throws(ExpressionError) {
        guard pending.count < Self.maximumNesting else {
            throw lexer.error(
                at: token.offset,
                "formula nested too deeply: at most \(Self.maximumNesting) parentheses, signs and powers may be open at once"
            )
        }
        pending.append(operation)
    }

    private mutating func emit(_ instruction: ExpressionInstruction) {
        program.append(instruction)
        stackHeight += instruction.stackEffect
        maximumStackHeight = max(maximumStackHeight, stackHeight)
    }

    private func instruction(for operation: Pending) -> ExpressionInstruction {
        switch operation {
        case let .binary(instruction, _, _): instruction
        case .negate: .negate
        case .parenthesis: preconditionFailure("parentheses are matched, never emitted")
        }
    }

    private func innermostParenthesis() -> Int? {
        for operation in pending.reversed() {
            if case let .parenthesis(offset, _, _) = operation { return offset }
        }
        return nil
    }

    private func expectedOperand(found token: ExpressionToken, after previous: ExpressionToken?) -> ExpressionError {
        let found = token.kind == .end ? "end of formula" : "'\(token.text)'"
        let context = previous.map { " after '\($0.text)'" } ?? ""
        return lexer.error(
            at: token.offset,
            "expected a number, x, y, pi, e, a function or '('\(context), found \(found)"
        )
    }
}
