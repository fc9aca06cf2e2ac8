/// Small JSON literals for streamed output.
enum JSONText {
    /// A JSON string with escapes.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A number in its shortest round-trip form; non-finite values become null.
    static func number<T: BinaryFloatingPoint & CustomStringConvertible>(_ x: T) -> String {
        x.isFinite ? x.description : "null"
    }

    /// An optional integer.
    static func integer(_ n: Int?) -> String {
        n.map(String.init) ?? "null"
    }
}
