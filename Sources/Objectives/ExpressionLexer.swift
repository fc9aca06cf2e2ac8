import OptimizerCore

/// A token of the formula language, with the byte offset where it starts.
struct ExpressionToken {
    enum Kind: Equatable {
        case number(Double)
        case variableX
        case variableY
        case constant(NamedConstant)
        case function(ElementaryFunction)
        case plus, minus, star, slash, caret
        case leftParenthesis, rightParenthesis
        /// A character the language does not use (kept so the parser can explain it in context).
        case unexpected(Character)
        case end
    }

    let kind: Kind
    /// UTF-8 offset of the token's first byte.
    let offset: Int
    /// The token as written, for error messages.
    let text: String
}

/// Splits a formula into tokens on demand, so even a huge formula never exists as a token array.
struct ExpressionLexer {
    /// Names a formula may use, for error messages and suggestions.
    static let validNames: [String] =
        ["x", "y"] + NamedConstant.allCases.map(\.rawValue) + ElementaryFunction.allCases.map(\.rawValue)

    let bytes: [UInt8]
    private(set) var position = 0

    init(_ formula: String) {
        bytes = Array(formula.utf8)
    }

    /// 1-based character column of a byte offset.
    func column(ofOffset offset: Int) -> Int {
        String(decoding: bytes[0..<min(offset, bytes.count)], as: UTF8.self).count + 1
    }

    /// An error located at a byte offset.
    func error(at offset: Int, _ message: String) -> ExpressionError {
        ExpressionError(column: column(ofOffset: offset), message: message)
    }

    mutating func next() throws(ExpressionError) -> ExpressionToken {
        while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
        let start = position
        guard position < bytes.count else { return ExpressionToken(kind: .end, offset: start, text: "") }
        let byte = bytes[position]
        if Self.isDigit(byte) || byte == UInt8(ascii: ".") { return try number() }
        if Self.isLetter(byte) { return try identifier() }
        position += 1
        let kind: ExpressionToken.Kind
        switch byte {
        case UInt8(ascii: "+"): kind = .plus
        case UInt8(ascii: "-"): kind = .minus
        case UInt8(ascii: "*"): kind = .star
        case UInt8(ascii: "/"): kind = .slash
        case UInt8(ascii: "^"): kind = .caret
        case UInt8(ascii: "("): kind = .leftParenthesis
        case UInt8(ascii: ")"): kind = .rightParenthesis
        default:
            // Step over the whole (possibly multi-byte) character so it can be quoted intact.
            let character = String(decoding: bytes[start..<min(start + 4, bytes.count)], as: UTF8.self)
                .first ?? "?"
            position = start + max(1, String(character).utf8.count)
            return ExpressionToken(kind: .unexpected(character), offset: start, text: String(character))
        }
        return ExpressionToken(kind: kind, offset: start, text: String(UnicodeScalar(byte)))
    }

    private mutating func number() throws(ExpressionError) -> ExpressionToken {
        let start = position
        var mantissaDigits = 0
        while position < bytes.count, Self.isDigit(bytes[position]) {
            position += 1
            mantissaDigits += 1
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            while position < bytes.count, Self.isDigit(bytes[position]) {
                position += 1
                mantissaDigits += 1
            }
        }
        guard mantissaDigits > 0 else {
            throw error(at: start, "malformed number '\(text(start, position))': expected digits, as in 0.5 or .5")
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            var lookahead = position + 1
            let hasSign = lookahead < bytes.count
                && (bytes[lookahead] == UInt8(ascii: "+") || bytes[lookahead] == UInt8(ascii: "-"))
            if hasSign { lookahead += 1 }
            if lookahead < bytes.count, Self.isDigit(bytes[lookahead]) {
                position = lookahead
                while position < bytes.count, Self.isDigit(bytes[position]) { position += 1 }
            } else if hasSign {
                throw error(
                    at: start,
                    "malformed number '\(text(start, lookahead))': the exponent needs digits, as in 1e-3"
                )
            }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            var end = position
            while end < bytes.count, Self.isDigit(bytes[end]) || bytes[end] == UInt8(ascii: ".") { end += 1 }
            throw error(at: start, "malformed number '\(text(start, end))': a number has at most one '.'")
        }
        let written = text(start, position)
        guard let value = Double(written) else {
            throw error(at: start, "malformed number '\(written)'")
        }
        guard value.isFinite else {
            throw error(at: start, "number '\(written)' is too large (the largest is about 1.8e308)")
        }
        return ExpressionToken(kind: .number(value), offset: start, text: written)
    }

    private mutating func identifier() throws(ExpressionError) -> ExpressionToken {
        let start = position
        while position < bytes.count, Self.isLetter(bytes[position]) || Self.isDigit(bytes[position]) {
            position += 1
        }
        let name = text(start, position)
        let kind: ExpressionToken.Kind
        if name == "x" {
            kind = .variableX
        } else if name == "y" {
            kind = .variableY
        } else if let constant = NamedConstant(rawValue: name) {
            kind = .constant(constant)
        } else if let function = ElementaryFunction(rawValue: name) {
            kind = .function(function)
        } else {
            let hint = NearestName.find(name, in: Self.validNames).map { " did you mean '\($0)'?" } ?? ""
            throw error(
                at: start,
                "unknown name '\(name)';\(hint) valid names: " + Self.validNames.joined(separator: ", ")
            )
        }
        return ExpressionToken(kind: kind, offset: start, text: name)
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<min(end, bytes.count)], as: UTF8.self)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
    }
}
