/// Why a file descent writes could not be written; the messages name the path and what to do.
public enum FileWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file exists and replacing it was not asked for.
    case exists(String)
    /// The path is a directory.
    case isDirectory(String)
    /// The folder the file would go in does not exist.
    case missingFolder(String, folder: String)
    /// The file (or its temporary sibling) cannot be created; the reason from the system.
    case cannotCreate(String, reason: String)
    /// Writing failed part-way (e.g. the disk is full); the destination is untouched.
    case writeFailed(String, reason: String)

    /// The message shown to the user.
    public var description: String { message(replacing: nil) }

    /// The message, with `replacing` saying how to ask for an existing file to be replaced (the
    /// command line's flag, which this layer does not know), when there is a way.
    public func message(replacing: String?) -> String {
        switch self {
        case .exists(let path): "\(path) already exists; choose another name\(replacing.map { " or \($0)" } ?? "")"
        case .isDirectory(let path): "\(path) is a directory; give a file name"
        case let .missingFolder(path, folder): "cannot write \(path): the folder '\(folder)' does not exist"
        case let .cannotCreate(path, reason): "cannot write \(path): \(reason)"
        case let .writeFailed(path, reason): "writing \(path) failed: \(reason); the file was not changed"
        }
    }
}
