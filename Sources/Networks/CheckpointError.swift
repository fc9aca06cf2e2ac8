/// A checkpoint that cannot be written, read or used.
public enum CheckpointError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The target exists and overwriting was not asked for.
    case exists(String)
    /// The file could not be encoded.
    case unwritable(String, String)
    /// The file could not be written where asked.
    case file(FileWriteError)
    /// The file does not exist.
    case notFound(String)
    /// The file could not be read.
    case unreadable(String, String)
    /// The checksum or the contents are wrong.
    case corrupt(String, String)
    /// Written by an incompatible version.
    case unsupportedVersion(String, Int)
    /// The checkpoint's parameters do not fit the model.
    case shapeMismatch(expected: Int, found: Int)
    /// The checkpoint's optimizer state does not fit the optimizer.
    case optimizerState(String)
    /// The checkpoint's run differs from the one the flags describe.
    case conflict(String)

    /// The message shown to the user.
    public var description: String { message(replacing: nil) }

    /// The message, with `replacing` saying how to ask for an existing file to be replaced (the
    /// command line's flag, which this layer does not know), when there is a way.
    public func message(replacing: String?) -> String {
        switch self {
        case let .exists(path): "checkpoint '\(path)' already exists\(replacing.map { "; \($0)" } ?? "")"
        case let .unwritable(path, reason): "cannot write checkpoint '\(path)': \(reason)"
        case let .file(error): "checkpoint: \(error.message(replacing: replacing))"
        case let .notFound(path): "checkpoint '\(path)' does not exist"
        case let .unreadable(path, reason): "cannot read checkpoint '\(path)': \(reason)"
        case let .corrupt(path, reason): "checkpoint '\(path)' is corrupt: \(reason); it was not loaded"
        case let .unsupportedVersion(path, version):
            "checkpoint '\(path)' has format version \(version); this build reads version \(Checkpoint.currentVersion)"
        case let .shapeMismatch(expected, found):
            "checkpoint holds \(found) parameters in another layout, but the model has \(expected); it belongs to a different model"
        case let .optimizerState(reason): "checkpoint's optimizer state does not fit: \(reason)"
        case let .conflict(message): message
        }
    }
}

extension CheckpointError {
    /// The checkpoint error for a failed write (an existing file keeps its own case).
    init(_ error: FileWriteError) {
        if case .exists(let path) = error { self = .exists(path) } else { self = .file(error) }
    }
}
