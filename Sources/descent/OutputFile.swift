import Foundation
import Networks

/// Why an output file could not be written (shared with checkpoints).
typealias OutputFileError = FileWriteError

/// A buffered text sink: standard output, or a file written atomically (`AtomicFile`: temp file
/// beside it, then moved into place) that never replaces an existing file unless asked to.
final class OutputFile {
    /// Where the text goes.
    enum Destination: Sendable {
        /// Standard output.
        case standardOutput
        /// A file path; `overwrite` allows replacing an existing file.
        case file(path: String, overwrite: Bool)
    }

    private var buffer: [UInt8] = []
    private let file: AtomicFile?
    /// The first failed write, to the file or to standard output (a full disk behind a
    /// redirection), reported by `finish()` (writes stay cheap and silent).
    private var failure: FileWriteError?

    /// Opens the destination; a file is created beside its final path and moved there on `finish`.
    init(_ destination: Destination) throws(OutputFileError) {
        buffer.reserveCapacity(1 << 16)
        switch destination {
        case .standardOutput: file = nil
        case let .file(path, overwrite): file = try AtomicFile(path: path, overwrite: overwrite)
        }
    }

    /// Appends text.
    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Appends raw bytes.
    func write<S: Sequence>(bytes: S) where S.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Sends buffered text on.
    func flush() {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        if let file {
            do { try file.write(buffer) } catch { failure = error }
            return
        }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                // The reader has gone (`descent run ... | head`): nothing more can be delivered,
                // so stop the whole run quietly rather than compute output nobody reads.
                if written < 0 && errno == EPIPE { Foundation.exit(0) }
                if written <= 0 {
                    failure = .cannotCreate("standard output", reason: String(cString: strerror(written < 0 ? errno : EIO)))
                    break
                }
                offset += written
            }
        }
    }

    /// Flushes and, for a file, moves it into place (or reports the first failed write, leaving
    /// the destination as it was and no temporary file behind).
    func finish() throws(OutputFileError) {
        flush()
        if let failure { throw failure }
        try file?.commit()
    }
}
