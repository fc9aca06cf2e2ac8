/// What must be known about a TOML text before toml++ sees it, found without parsing it: how
/// deeply it nests (brackets and braces outside strings and comments, plus the dots of a dotted
/// key or header since the last `=`, `,`, bracket or line; a float's dot over-counts by one,
/// which only matters far beyond real files) and the first table header that does not start
/// with a key.
struct TOMLPrecheck {
    /// The deepest level seen.
    private(set) var deepest = 0
    /// The line where it was first reached.
    private(set) var deepestLine = 1
    /// The first line with a table header whose name does not start with a key character.
    private(set) var malformedHeaderLine: Int?
    /// The first line with a '}' where a list expects its next element.
    private(set) var braceInListLine: Int?

    init(_ text: String) {
        let bytes = Array(text.utf8)
        var depth = 0, dots = 0, line = 1, atLineStart = true
        // The open brackets, innermost last, and whether a list is waiting for an element.
        var open: [UInt8] = [], expectingElement = false
        // toml++ skips a UTF-8 byte order mark, so the first line starts after it.
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count {
            let byte = bytes[index]
            if expectingElement, ![UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: "#")].contains(byte) {
                expectingElement = false
                if byte == UInt8(ascii: "}"), braceInListLine == nil { braceInListLine = line }
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                index = Self.endOfString(bytes, at: index, counting: &line)
                atLineStart = false
                continue
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                continue
            case UInt8(ascii: "\n"):
                line += 1
                dots = 0
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if byte == UInt8(ascii: "["), depth == 0, atLineStart, malformedHeaderLine == nil,
                   !Self.headerStartsWithKey(bytes, at: index) {
                    malformedHeaderLine = line
                }
                depth += 1
                dots = 0
                open.append(byte)
                expectingElement = byte == UInt8(ascii: "[")
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
                dots = 0
                _ = open.popLast()
            case UInt8(ascii: "="), UInt8(ascii: ","):
                dots = 0
                expectingElement = byte == UInt8(ascii: ",") && open.last == UInt8(ascii: "[")
            case UInt8(ascii: "."):
                dots += 1
            default:
                break
            }
            if byte == UInt8(ascii: "\n") {
                atLineStart = true
            } else if byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t"), byte != UInt8(ascii: "\r") {
                atLineStart = false
            }
            if depth + dots > deepest {
                deepest = depth + dots
                deepestLine = line
            }
            index += 1
        }
    }

    /// Whether the header opening at `start` (`[` or `[[`, then blanks) continues with a bare-key
    /// character, a quote or the closing `]` (which toml++ reports itself); the end of the text
    /// is fine too, a line break is not.
    private static func headerStartsWithKey(_ bytes: [UInt8], at start: Int) -> Bool {
        var index = start + 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "[") { index += 1 }
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        guard index < bytes.count else { return true }
        let byte = bytes[index]
        return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "]")
    }

    /// The index just past the string (basic, literal, or either multi-line form) starting at
    /// `start`, counting the newlines inside it.
    private static func endOfString(_ bytes: [UInt8], at start: Int, counting lines: inout Int) -> Int {
        let quote = bytes[start]
        let multiline = start + 2 < bytes.count && bytes[start + 1] == quote && bytes[start + 2] == quote
        var index = start + (multiline ? 3 : 1)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { lines += 1 }
                index += 2
                continue
            }
            if byte == UInt8(ascii: "\n") {
                // A single-line string ends at the line's end (toml++ reports the error).
                if !multiline { return index }
                lines += 1
            }
            if byte == quote {
                if !multiline { return index + 1 }
                if index + 2 < bytes.count, bytes[index + 1] == quote, bytes[index + 2] == quote {
                    // Up to two more quotes may close the string as part of its content.
                    var end = index + 3
                    while end < bytes.count, end < index + 5, bytes[end] == quote { end += 1 }
                    return end
                }
            }
            index += 1
        }
        return index
    }
}
