import Foundation

/// Reads only the header of a `.safetensors` file: an 8-byte little-endian length, then that many
/// bytes of JSON naming each tensor's dtype, shape and byte range. Everything is validated
/// before it is trusted, so a truncated file or an absurd length is an error, never a crash or a
/// huge allocation.
public enum SafetensorsHeader {
    /// Largest header accepted (the format's own limit is 100 MB).
    public static let maximumHeaderBytes = 100_000_000
    /// Deepest JSON nesting accepted (a real header nests three levels).
    static let maximumNesting = 16

    /// Bytes per element of each safetensors dtype code.
    public static let dtypeSizes: [String: Int] = [
        "BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1, "I16": 2, "U16": 2, "F16": 2, "BF16": 2,
        "I32": 4, "U32": 4, "F32": 4, "I64": 8, "U64": 8, "F64": 8,
    ]

    /// Whether the first bytes look like a safetensors length prefix followed by `{`.
    static func looksBinary(_ prefix: Data) -> Bool {
        guard prefix.count == 8 else { return false }
        let length = prefix.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self).littleEndian }
        return length > 1 && length < UInt64(maximumHeaderBytes) && prefix.contains(0)
    }

    static func read(handle: FileHandle, fileSize: Int, path: String) throws(ModelInventoryError) -> ModelInventory {
        func fail(_ message: String) -> ModelInventoryError { ModelInventoryError(file: path, message: message) }
        guard fileSize >= 8 else { throw fail("is \(fileSize) bytes: too short for a safetensors header (8-byte length + JSON)") }
        try? handle.seek(toOffset: 0)
        let lengthBytes = (try? handle.read(upToCount: 8)) ?? Data()
        guard lengthBytes.count == 8 else { throw fail("cannot read the header length") }
        let length = lengthBytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self).littleEndian }
        guard length >= 2, length <= UInt64(maximumHeaderBytes) else {
            throw fail("claims a header of \(length) bytes; a safetensors header is 2 to \(maximumHeaderBytes) bytes (is this a safetensors file?)")
        }
        guard UInt64(fileSize) - 8 >= length else {
            throw fail("is truncated: the header claims \(length) bytes but only \(fileSize - 8) follow the length")
        }
        let header = (try? handle.read(upToCount: Int(length))) ?? Data()
        guard header.count == Int(length) else { throw fail("is truncated inside its header") }
        return try parse(header: header, dataBytes: fileSize - 8 - Int(length), path: path)
    }

    /// Validates header JSON; `dataBytes` is the size of the data section that follows it.
    public static func parse(header: Data, dataBytes: Int, path: String) throws(ModelInventoryError) -> ModelInventory {
        func fail(_ message: String) -> ModelInventoryError { ModelInventoryError(file: path, message: message) }
        guard nestingDepth(header) <= maximumNesting else { throw fail("header JSON is nested too deeply to be a safetensors header") }
        guard let object = try? JSONSerialization.jsonObject(with: header), let entries = object as? [String: Any] else {
            throw fail("header is not a JSON object; is this a safetensors file?")
        }
        var tensors: [(ModelInventory.Tensor, Int)] = []
        // The whole model is bounded too (tensors may overlap), so totals over tensors cannot overflow.
        var total = 0
        for (name, value) in entries where name != "__metadata__" {
            guard let info = value as? [String: Any] else { throw fail("header entry \(name) is not an object") }
            guard let dtype = info["dtype"] as? String, let width = dtypeSizes[dtype] else {
                throw fail("tensor \(name) has dtype \(String(describing: info["dtype"] ?? "missing")); expected one of \(dtypeSizes.keys.sorted().joined(separator: ", "))")
            }
            guard let rawShape = info["shape"] as? [Any] else { throw fail("tensor \(name) has no shape list") }
            var shape: [Int] = []
            var count = 1
            for d in rawShape {
                guard let number = d as? NSNumber, number.doubleValue >= 0, number.doubleValue <= Double(NamesFile.maximumElements),
                      number.doubleValue == number.doubleValue.rounded() else {
                    throw fail("tensor \(name) has an invalid dimension \(d)")
                }
                shape.append(number.intValue)
                let (next, overflow) = count.multipliedReportingOverflow(by: number.intValue)
                guard !overflow, next <= NamesFile.maximumElements else { throw fail("tensor \(name) has more than 2^48 elements") }
                count = next
            }
            total += count
            guard total <= NamesFile.maximumElements else { throw fail("the tensors add up to more than 2^48 elements") }
            guard let offsets = info["data_offsets"] as? [NSNumber], offsets.count == 2 else {
                throw fail("tensor \(name) has no data_offsets [begin, end]")
            }
            let begin = offsets[0].doubleValue, end = offsets[1].doubleValue
            guard begin >= 0, end >= begin, end <= Double(Int.max / 2), Int(end) - Int(begin) == count * width else {
                throw fail("tensor \(name): data_offsets \(offsets.map(\.intValue)) do not hold \(count) elements of \(dtype)")
            }
            guard Int(end) <= dataBytes else {
                throw fail("is truncated: tensor \(name) ends at byte \(Int(end)) of the data but the file holds \(dataBytes)")
            }
            tensors.append((ModelInventory.Tensor(name: name, shape: shape, dtype: dtype), Int(begin)))
        }
        guard !tensors.isEmpty else { throw fail("header lists no tensors") }
        // Keep the checkpoint's storage order, which follows the model's own order.
        return ModelInventory(tensors: tensors.sorted { $0.1 == $1.1 ? $0.0.name < $1.0.name : $0.1 < $1.1 }.map(\.0))
    }

    /// The deepest bracket nesting outside strings.
    static func nestingDepth(_ data: Data) -> Int {
        var depth = 0, deepest = 0, inString = false, escaped = false
        for byte in data {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return deepest
    }
}
