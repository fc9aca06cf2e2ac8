import Scenarios

/// Small JSON literals for streamed output.
enum JSONText {
    /// A JSON string with escapes: a TOML basic string escapes the same characters the same way
    /// (quote, backslash, control characters as \n, \t, \r or \uXXXX), so it is valid JSON too.
    static func string(_ text: String) -> String {
        TOMLText.string(text)
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
