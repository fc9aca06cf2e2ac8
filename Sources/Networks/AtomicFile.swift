import Foundation
import Synchronization

/// A file written under a temporary name in its destination folder and moved into place only when
/// complete, so a reader sees the old file or the new one, never half of one.
///
/// It lives in the lowest layer that writes files (checkpoints) so that every writer above it
/// (the executable's `OutputFile`, and through it the TUI's exports) shares one implementation. Without `overwrite`, the
/// final step is `link(2)`, which fails if the name was taken in the meantime, instead of a check
/// followed by `rename(2)`, which would silently replace a file created between the two. Any
/// failure, and a writer dropped before `commit()`, removes the temporary file. A device or pipe
/// (`/dev/null`, `/dev/stdout`, `/dev/full`, a FIFO) is written in place instead: moving a file
/// onto it would replace the device itself.
public final class AtomicFile {
    /// The destination.
    public let path: String
    private let overwrite: Bool
    /// Nil for a device or pipe written in place.
    private let temporaryPath: String?
    private var descriptor: Int32
    private var finished = false
    private static let counter = Atomic<Int>(0)

    /// Checks, without creating anything, that `path` can be written: not a directory, absent
    /// unless `overwrite`, in a folder that exists and is writable.
    public static func checkDestination(_ path: String, overwrite: Bool) throws(FileWriteError) {
        if isDeviceOrPipe(path) {
            guard access(path, W_OK) == 0 else { throw .cannotCreate(path, reason: systemReason()) }
            return
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw .isDirectory(path) }
            if !overwrite { throw .exists(path) }
        }
        let folder = folder(of: path)
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .missingFolder(path, folder: folder)
        }
        guard access(folder, W_OK | X_OK) == 0 else { throw .cannotCreate(path, reason: "folder '\(folder)' is not writable") }
    }

    /// Creates the temporary file beside `path`; an existing `path` is an error unless `overwrite`.
    public init(path: String, overwrite: Bool) throws(FileWriteError) {
        try Self.checkDestination(path, overwrite: overwrite)
        self.path = path
        self.overwrite = overwrite
        if Self.isDeviceOrPipe(path) {
            temporaryPath = nil
            descriptor = open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw .cannotCreate(path, reason: Self.systemReason()) }
            return
        }
        let base = (path as NSString).lastPathComponent
        let serial = Self.counter.add(1, ordering: .relaxed).newValue
        let temporaryPath = Self.folder(of: path) + "/.\(base).\(getpid()).\(serial).tmp"
        self.temporaryPath = temporaryPath
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotCreate(path, reason: Self.systemReason()) }
    }

    deinit {
        if !finished { discard() }
    }

    /// Appends `bytes`.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileWriteError) {
        precondition(!finished, "write after commit or discard")
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                let reason = Self.systemReason()
                discard()
                throw .writeFailed(path, reason: reason)
            }
            offset += written
        }
    }

    /// Appends `bytes`.
    public func write(_ bytes: [UInt8]) throws(FileWriteError) {
        // withUnsafeBytes rethrows untyped errors, so the typed one is carried out by hand.
        var failure: FileWriteError?
        bytes.withUnsafeBytes { raw in
            do throws(FileWriteError) { try write(raw) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Makes the data durable and moves the file into place.
    public func commit() throws(FileWriteError) {
        precondition(!finished, "commit after commit or discard")
        guard fsync(descriptor) == 0 || errno == EINVAL else {
            let reason = Self.systemReason()
            discard()
            throw .writeFailed(path, reason: reason)
        }
        close(descriptor)
        descriptor = -1
        guard let temporaryPath else {
            finished = true
            return
        }
        defer { finished = true; unlink(temporaryPath) }
        if overwrite {
            guard rename(temporaryPath, path) == 0 else { throw .cannotCreate(path, reason: Self.systemReason()) }
            return
        }
        if link(temporaryPath, path) == 0 { return }
        switch errno {
        case EEXIST:
            throw .exists(path)
        case EPERM, ENOTSUP, EOPNOTSUPP, EXDEV:
            // A file system without hard links: check, then rename (the best it offers).
            if FileManager.default.fileExists(atPath: path) { throw .exists(path) }
            guard rename(temporaryPath, path) == 0 else { throw .cannotCreate(path, reason: Self.systemReason()) }
        default:
            throw .cannotCreate(path, reason: Self.systemReason())
        }
    }

    /// Abandons the file: the temporary file is removed and the destination is left as it was.
    public func discard() {
        guard !finished else { return }
        finished = true
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        if let temporaryPath { unlink(temporaryPath) }
    }

    /// Whether `path` is an existing character device or named pipe.
    private static func isDeviceOrPipe(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let kind = info.st_mode & S_IFMT
        return kind == S_IFCHR || kind == S_IFIFO
    }

    private static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    private static func systemReason() -> String { String(cString: strerror(errno)) }
}
