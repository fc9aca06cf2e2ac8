import Foundation

/// Reads the small JSON files of a model folder (`config.json`, a shard index) with a size and
/// nesting limit, so a huge or hostile file is a clear error, never a huge allocation or a hang.
enum ModelJSONFile {
    /// Largest JSON file accepted: the biggest real shard indexes (about 100,000 tensors) are
    /// under 10 MB and configs a few KB.
    static let maximumBytes = 32 << 20
    /// Deepest nesting accepted (real configs nest three or four levels).
    static let maximumNesting = 32

    /// The top-level object of the JSON file at `path`.
    static func object(at path: String) throws(ModelInventoryError) -> [String: Any] {
        func fail(_ message: String) -> ModelInventoryError { ModelInventoryError(file: path, message: message) }
        try ModelFileKind.requireRegularFile(path)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw fail(FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        defer { try? handle.close() }
        // Read one byte past the limit: the size on disk may be absent (a pipe) or wrong.
        let data = (try? handle.read(upToCount: maximumBytes + 1)) ?? Data()
        guard data.count <= maximumBytes else {
            throw fail("is over \(maximumBytes) bytes; a config.json or shard index is far smaller (is this the right file?)")
        }
        guard SafetensorsHeader.nestingDepth(data) <= maximumNesting else {
            throw fail("is nested more than \(maximumNesting) levels deep; not a config.json or shard index")
        }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw fail("is not valid JSON (\((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "unreadable")); expected a config.json or a model.safetensors.index.json")
        }
        guard let object = parsed as? [String: Any] else {
            throw fail("holds a JSON \(parsed is [Any] ? "array" : "value"), not an object; expected a config.json or a model.safetensors.index.json")
        }
        return object
    }
}
