import Foundation

/// Reads and writes checkpoints: JSON, then a trailer line `fnv1a64 <hex>` with the checksum of
/// everything before it, written to a temporary file and renamed into place.
public enum CheckpointFile {
    private static let trailerPrefix = "\nfnv1a64 "

    /// Writes `checkpoint` to `path` atomically; an existing file is an error unless `overwrite`.
    public static func write(_ checkpoint: Checkpoint, to path: String, overwrite: Bool) throws(CheckpointError) {
        if !overwrite, FileManager.default.fileExists(atPath: path) { throw .exists(path) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var data: Data
        do { data = try encoder.encode(checkpoint) } catch { throw .unwritable(path, "\(error)") }
        let checksum = Checksum.fnv1a64(data)
        data.append(Data((trailerPrefix + String(format: "%016llx", checksum) + "\n").utf8))
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
        } catch { throw .unwritable(path, error.localizedDescription) }
        // rename(2) replaces the target atomically: a reader sees the old file or the new one, never half.
        guard rename(temporary.path, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .unwritable(path, reason)
        }
    }

    /// Reads and verifies a checkpoint.
    public static func read(_ path: String) throws(CheckpointError) -> Checkpoint {
        guard FileManager.default.fileExists(atPath: path) else { throw .notFound(path) }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw .unreadable(path, error.localizedDescription) }
        let marker = Data(trailerPrefix.utf8)
        guard let range = data.range(of: marker, options: .backwards) else {
            throw .corrupt(path, "no checksum trailer (not a descent checkpoint, or truncated)")
        }
        let body = data[..<range.lowerBound]
        let trailer = String(decoding: data[range.upperBound...], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let stored = UInt64(trailer, radix: 16) else { throw .corrupt(path, "unreadable checksum '\(trailer)'") }
        let actual = Checksum.fnv1a64(body)
        guard stored == actual else {
            throw .corrupt(path, String(format: "checksum mismatch (stored %016llx, computed %016llx)", stored, actual))
        }
        let checkpoint: Checkpoint
        do { checkpoint = try JSONDecoder().decode(Checkpoint.self, from: Data(body)) } catch {
            throw .corrupt(path, "the contents do not decode: \(error)")
        }
        guard checkpoint.version == Checkpoint.currentVersion else {
            throw .unsupportedVersion(path, checkpoint.version)
        }
        return checkpoint
    }
}

/// FNV-1a, 64 bits: a fast checksum that catches truncation and bit flips (not tampering).
enum Checksum {
    static func fnv1a64(_ data: Data) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
