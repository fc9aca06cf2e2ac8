import OptimizerCore

/// Writes TOML literals: keys, strings and numbers that parse back to the same value.
public enum TOMLText {
    /// A key, bare when possible, quoted otherwise.
    public static func key(_ key: String) -> String {
        let bare = !key.isEmpty && key.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
        return bare ? key : string(key)
    }

    /// A basic string with escapes.
    public static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A float in its shortest round-trip form, always with a decimal point or exponent.
    public static func number(_ x: Double) -> String {
        let text = NumberText.shortest(x)
        return !x.isFinite || text.contains(".") || text.contains("e") ? text : text + ".0"
    }
}

/// Four upper-case hex digits.
private func hex4(_ value: UInt32) -> String {
    let hex = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
}
