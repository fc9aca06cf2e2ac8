import Foundation

/// Reads and writes checkpoints: JSON, then a trailer line `fnv1a64 <hex>` with the checksum of
/// everything before it, written to a temporary file and renamed into place.
public enum CheckpointFile {
    private static let trailerPrefix = "\nfnv1a64 "

    /// Writes `checkpoint` to `path` atomically; an existing file is an error unless `overwrite`.
    public static func write(_ checkpoint: Checkpoint, to path: String, overwrite: Bool) throws(CheckpointError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var data: Data
        do { data = try encoder.encode(checkpoint) } catch { throw .unwritable(path, "\(error)") }
        let checksum = Checksum.fnv1a64(data)
        data.append(Data((trailerPrefix + String(format: "%016llx", checksum) + "\n").utf8))
        do {
            let file = try AtomicFile(path: path, overwrite: overwrite)
            try file.write([UInt8](data))
            try file.commit()
        } catch {
            throw CheckpointError(error)
        }
    }

    /// Reads and verifies a checkpoint.
    public static func read(_ path: String) throws(CheckpointError) -> Checkpoint {
        let data: Data
        do {
            data = Data(try FileBytes.read(path))
        } catch {
            switch error {
            case .notFound: throw .notFound(path)
            case .isDirectory: throw .unreadable(path, "it is a directory; give a checkpoint file")
            case .unreadable(let reason): throw .unreadable(path, reason)
            }
        }
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
        // The version first: an older format would not decode as this one.
        if let probe = try? JSONDecoder().decode(VersionProbe.self, from: Data(body)), probe.version != Checkpoint.currentVersion {
            throw .unsupportedVersion(path, probe.version)
        }
        let checkpoint: Checkpoint
        do { checkpoint = try JSONDecoder().decode(Checkpoint.self, from: Data(body)) } catch {
            throw .corrupt(path, "the contents do not decode: \(error)")
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

/// A checkpoint's format version alone.
private struct VersionProbe: Decodable {
    let version: Int
}
