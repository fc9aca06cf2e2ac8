import Foundation

/// The named tensors of a model checkpoint: what `descent partition` reads from a safetensors
/// header or a names file.
public struct ModelInventory: Sendable, Equatable {
    /// One tensor: its name, shape and, when the file says, its stored dtype.
    public struct Tensor: Sendable, Equatable {
        /// The tensor's name.
        public var name: String
        /// Its shape (empty for a scalar).
        public var shape: [Int]
        /// The safetensors dtype code (`BF16`, `F32`, ...); nil for names files and configs.
        public var dtype: String?
        /// Number of elements.
        public var count: Int { shape.reduce(1, *) }

        /// Creates a tensor entry.
        public init(name: String, shape: [Int], dtype: String? = nil) {
            self.name = name
            self.shape = shape
            self.dtype = dtype
        }
    }

    /// Tensors in file order (safetensors headers are JSON objects; their keys are sorted by name).
    public var tensors: [Tensor]

    /// Most tensors a shard index or a config may describe: real models have at most about
    /// 100,000 (mixtures of experts); a bound keeps hostile files from growing without limit.
    public static let maximumTensors = 500_000

    /// Creates an inventory.
    public init(tensors: [Tensor]) {
        self.tensors = tensors
    }

    /// Reads a `.safetensors` file's header or a names file (`name d0xd1x...` per line),
    /// choosing by content.
    public static func load(path: String) throws(ModelInventoryError) -> ModelInventory {
        let (handle, size) = try open(path)
        defer { try? handle.close() }
        let prefix = (try? handle.read(upToCount: 8)) ?? Data()
        if path.hasSuffix(".safetensors") || SafetensorsHeader.looksBinary(prefix) {
            return try SafetensorsHeader.read(handle: handle, fileSize: size, path: path)
        }
        guard size <= NamesFile.maximumBytes else {
            throw ModelInventoryError(file: path, message: "is \(size) bytes; a names file is limited to \(NamesFile.maximumBytes) bytes")
        }
        try? handle.seek(toOffset: 0)
        let data = (try? handle.read(upToCount: NamesFile.maximumBytes + 1)) ?? Data()
        guard let text = String(data: data, encoding: .utf8) else {
            throw ModelInventoryError(file: path, message: "is neither a safetensors file nor UTF-8 text")
        }
        return try NamesFile.parse(text, file: path)
    }

    /// Reads the header of a file that must be a `.safetensors` file (a shard).
    static func loadSafetensors(path: String) throws(ModelInventoryError) -> ModelInventory {
        let (handle, size) = try open(path)
        defer { try? handle.close() }
        return try SafetensorsHeader.read(handle: handle, fileSize: size, path: path)
    }

    private static func open(_ path: String) throws(ModelInventoryError) -> (FileHandle, Int) {
        try ModelFileKind.requireRegularFile(path)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ModelInventoryError(file: path, message: FileManager.default.fileExists(atPath: path)
                                      ? "cannot be read" : "no such file; give a model folder, a config.json, a .safetensors file or its index, or a text file with one `name d0xd1x...` per line")
        }
        let size = Int((try? handle.seekToEnd()) ?? 0)
        try? handle.seek(toOffset: 0)
        return (handle, size)
    }
}

/// A model file that cannot be read, with the file, line where known, and what is wrong.
public struct ModelInventoryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// The line (names files).
    public var line: Int?
    /// What is wrong and what would be valid.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`.
    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}
