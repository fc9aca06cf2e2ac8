import Foundation

/// Reads a whole file with the C library, so that failures carry errno's reason ("Permission
/// denied", "Is a directory") rather than a Foundation sentence that does not name the flag.
enum FileBytes {
    /// Why a file could not be read.
    enum Failure: Error {
        /// Nothing at the path.
        case notFound
        /// The path is a directory.
        case isDirectory
        /// The system refused or the read failed; the reason from `strerror`.
        case unreadable(String)
    }

    /// The bytes of `path`.
    static func read(_ path: String) throws(Failure) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .notFound }
        if isDirectory.boolValue { throw .isDirectory }
        guard let file = fopen(path, "rb") else { throw .unreadable(String(cString: strerror(errno))) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            bytes.append(contentsOf: chunk[..<count])
            if count < chunk.count {
                if ferror(file) != 0 { throw .unreadable(String(cString: strerror(errno))) }
                return bytes
            }
        }
    }
}
