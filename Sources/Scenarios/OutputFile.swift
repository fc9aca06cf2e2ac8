import Foundation

/// A buffered text sink: standard output, or a file written atomically (temp file + rename) that
/// never replaces an existing file unless asked to.
public final class OutputFile {
    /// Where the text goes.
    public enum Destination: Sendable {
        /// Standard output.
        case standardOutput
        /// A file path; `overwrite` allows replacing an existing file.
        case file(path: String, overwrite: Bool)
    }

    private var buffer: [UInt8] = []
    private let handle: FileHandle
    private let temporaryPath: String?
    private let finalPath: String?
    private var finished = false

    /// Opens the destination; a file is created beside its final path and renamed on `finish`.
    public init(_ destination: Destination) throws(OutputFileError) {
        buffer.reserveCapacity(1 << 16)
        switch destination {
        case .standardOutput:
            handle = FileHandle.standardOutput
            temporaryPath = nil
            finalPath = nil
        case let .file(path, overwrite):
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                if isDirectory.boolValue { throw .isDirectory(path) }
                if !overwrite { throw .exists(path) }
            }
            let directory = (path as NSString).deletingLastPathComponent
            let base = (path as NSString).lastPathComponent
            let temporary = (directory.isEmpty ? "." : directory) + "/.\(base).\(ProcessInfo.processInfo.processIdentifier).tmp"
            guard FileManager.default.createFile(atPath: temporary, contents: nil),
                  let fileHandle = FileHandle(forWritingAtPath: temporary) else {
                throw .cannotCreate(path)
            }
            handle = fileHandle
            temporaryPath = temporary
            finalPath = path
        }
    }

    deinit {
        if !finished, let temporaryPath { try? FileManager.default.removeItem(atPath: temporaryPath) }
    }

    /// Appends text.
    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Appends raw bytes.
    public func write<S: Sequence>(bytes: S) where S.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Sends buffered text on.
    public func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(handle.fileDescriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                // The reader has gone (`descent run ... | head`): nothing more can be delivered,
                // so stop the whole run quietly rather than compute output nobody reads.
                if written < 0 && errno == EPIPE { Foundation.exit(0) }
                if written <= 0 { break }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and, for a file, renames the temporary file into place.
    public func finish() throws(OutputFileError) {
        flush()
        finished = true
        guard let temporaryPath, let finalPath else { return }
        try? handle.synchronize()
        try? handle.close()
        if rename(temporaryPath, finalPath) != 0 {
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw .cannotCreate(finalPath)
        }
    }
}

/// A file that cannot be written.
public enum OutputFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file exists and overwriting was not asked for.
    case exists(String)
    /// The path is a directory.
    case isDirectory(String)
    /// The file or its temporary sibling cannot be created.
    case cannotCreate(String)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case .exists(let path): "\(path) already exists; choose another name or pass --force to replace it"
        case .isDirectory(let path): "\(path) is a directory; give a file name"
        case .cannotCreate(let path): "cannot write \(path): check that its folder exists and is writable"
        }
    }
}
