import Foundation

/// Finds "nan" or "inf" printed as a number (a word on its own, any case), where a screen should
/// show a value, a divergence mark or nothing.
enum NonFiniteText {
    /// The first such word in `text`, or nil.
    static func first(in text: String) -> String? {
        guard let match = text.range(of: #"(?i)(?<![a-z])[-+]?(nan|inf|infinity)(?![a-z])"#, options: .regularExpression) else {
            return nil
        }
        return String(text[match])
    }
}
