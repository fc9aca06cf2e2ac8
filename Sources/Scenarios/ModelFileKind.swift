import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Refuses anything but a regular file (after following symbolic links) before it is opened:
/// opening a named pipe blocks until someone writes to it, and a device can be endless.
enum ModelFileKind {
    /// Throws unless `path` names a regular file.
    static func requireRegularFile(_ path: String) throws(ModelInventoryError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
            throw ModelInventoryError(file: path, message: "\(reason); give a model folder, a config.json, a .safetensors file or its index, or a text file with one `name d0xd1x...` per line")
        }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else {
            let what = kind == S_IFDIR ? "a folder" : kind == S_IFIFO ? "a named pipe" : kind == S_IFCHR || kind == S_IFBLK ? "a device" : "not a regular file"
            throw ModelInventoryError(file: path, message: "is \(what); expected a regular file")
        }
    }
}
