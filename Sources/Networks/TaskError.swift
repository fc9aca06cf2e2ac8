/// A dataset that cannot be built from the given settings or file.
public enum TaskError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A setting with an unusable value.
    case invalid(NetworkField, value: String, reason: FieldMessage)
    /// The text file does not exist.
    case fileNotFound(String)
    /// The text file exists but could not be read (the reason from the system).
    case unreadable(String, String)
    /// The text path is a directory.
    case isDirectory(String)
    /// The text file was read but is not UTF-8 text.
    case notText(String, String)
    /// The text file is empty.
    case emptyFile(String)
    /// The text file has too few characters for one window in each split.
    case tooShort(String, characters: Int, needed: Int, context: Int)
    /// A task that needs an input the command did not get.
    case missing(String)

    /// The message with every setting named by `name` (a flag, a file's key).
    public func message(naming name: (NetworkField) -> String) -> String {
        let text = name(.text)
        return switch self {
        case let .invalid(field, value, reason): "\(name(field)) \(value): \(reason.worded(name))"
        case let .fileNotFound(path): "\(text) '\(path)': the file does not exist"
        case let .unreadable(path, reason): "\(text) '\(path)': cannot read the file: \(reason)"
        case let .isDirectory(path): "\(text) '\(path)' is a directory; give a UTF-8 text file"
        case let .notText(path, reason): "\(text) '\(path)' is not a UTF-8 text file: \(reason)"
        case let .emptyFile(path): "\(text) '\(path)' is empty; give a file with some text to learn from"
        case let .tooShort(path, characters, needed, context):
            "\(text) '\(path)' has \(characters) characters; with \(name(.context)) \(context) it needs at least \(needed) (a window in both the training and the validation split)"
        case let .missing(message): message
        }
    }

    /// The message with settings named as their configuration properties.
    public var description: String { message(naming: \.rawValue) }
}
