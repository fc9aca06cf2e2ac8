/// A scenario file that cannot be used, with everything a user needs to fix it.
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// The line, where known.
    public var line: Int?
    /// Where in the document, e.g. `optimizer[2].betas` or `problem.type`.
    public var keyPath: String?
    /// What is wrong and what would be valid.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, keyPath: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.message = message
    }

    /// `file:line: key: message`, the form compilers use so editors can jump to it.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let keyPath { return "\(location): \(keyPath): \(message)" }
        return "\(location): \(message)"
    }
}
