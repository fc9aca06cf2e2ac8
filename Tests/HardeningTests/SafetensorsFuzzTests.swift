import Foundation
import Scenarios
import XCTest

/// Safetensors headers: generated, mutated and absurd ones end in an inventory that matches the
/// header or an error naming the file.
final class SafetensorsFuzzTests: XCTestCase {
    private static let dtypes = ["F32": 4, "BF16": 2, "I64": 8, "U8": 1, "F64": 8]

    /// A valid header for random tensors, with its data size and the expected inventory.
    private func randomHeader(_ random: inout Mutator) -> (json: String, dataBytes: Int, tensors: [(name: String, shape: [Int])]) {
        var entries: [String] = []
        var tensors: [(name: String, shape: [Int])] = []
        var offset = 0
        for index in 0..<(1 + random.below(6)) {
            let shape = (0..<random.below(4)).map { _ in 1 + random.below(50) }
            let (dtype, width) = random.pick(Self.dtypes.sorted { $0.key < $1.key })
            let bytes = shape.reduce(1, *) * width
            let name = "model.layers.\(index).\(random.pick(["q_proj", "k_proj", "norm", "weight", "é"]))"
            entries.append("\"\(name)\": {\"dtype\": \"\(dtype)\", \"shape\": \(shape), \"data_offsets\": [\(offset), \(offset + bytes)]}")
            tensors.append((name, shape))
            offset += bytes
        }
        if random.below(2) == 0 { entries.insert("\"__metadata__\": {\"format\": \"pt\"}", at: random.below(entries.count + 1)) }
        return ("{" + entries.joined(separator: ", ") + "}", offset, tensors)
    }

    private func check(_ header: [UInt8], dataBytes: Int, file: StaticString = #filePath, line: UInt = #line) -> ModelInventory? {
        do {
            let inventory = try SafetensorsHeader.parse(header: Data(header), dataBytes: dataBytes, path: "m.safetensors")
            XCTAssertFalse(inventory.tensors.isEmpty, file: file, line: line)
            XCTAssertEqual(Set(inventory.tensors.map(\.name)).count, inventory.tensors.count, file: file, line: line)
            for tensor in inventory.tensors {
                XCTAssertTrue(tensor.shape.allSatisfy { $0 >= 0 }, "\(tensor)", file: file, line: line)
                XCTAssertLessThanOrEqual(tensor.count, dataBytes, "\(tensor): every element takes at least a byte", file: file, line: line)
            }
            return inventory
        } catch {
            XCTAssertEqual(error.file, "m.safetensors", file: file, line: line)
            XCTAssertGreaterThan(error.message.count, 10, file: file, line: line)
            return nil
        }
    }

    func testGeneratedHeadersReadBackExactly() throws {
        var random = Mutator(seed: 0x5AFE, dictionary: [""])
        for _ in 0..<300 {
            let (json, dataBytes, tensors) = randomHeader(&random)
            let inventory = try SafetensorsHeader.parse(header: Data(json.utf8), dataBytes: dataBytes, path: "m.safetensors")
            XCTAssertEqual(inventory.tensors.map(\.name), tensors.map(\.name), "storage order is offset order")
            XCTAssertEqual(inventory.tensors.map(\.shape), tensors.map(\.shape))
            XCTAssertThrowsError(try SafetensorsHeader.parse(header: Data(json.utf8), dataBytes: dataBytes - 1, path: "m.safetensors"))
        }
    }

    func testMutatedHeadersEndInAnInventoryOrAnError() {
        var random = Mutator(seed: 0xBAD5, dictionary: [
            "{", "}", "[", "]", "\"", ",", ":", "\"dtype\"", "\"F32\"", "\"shape\"", "\"data_offsets\"", "1e300", "-1",
            "281474976710656", "9223372036854775807", "18446744073709551616", "1.5", "null", "true", "\\u0000", "\"__metadata__\"",
        ])
        var parsed = 0
        for _ in 0..<2000 {
            let (json, dataBytes, _) = randomHeader(&random)
            let bytes = random.mutate(Array(json.utf8), rounds: 4)
            if check(bytes, dataBytes: random.below(4) == 0 ? Int.max : dataBytes) != nil { parsed += 1 }
        }
        XCTAssertGreaterThan(parsed, 50, "mutations should leave some headers valid")
    }

    func testAbsurdHeadersAreRefusedByName() {
        let cases: [(String, String)] = [
            ("{\"w\": {\"dtype\": \"F32\", \"shape\": [281474976710656, 2], \"data_offsets\": [0, 8]}}", "more than 2^48"),
            ("{\"w\": {\"dtype\": \"F32\", \"shape\": [1e300], \"data_offsets\": [0, 8]}}", "invalid dimension"),
            ("{\"w\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 1e300]}}", "data_offsets"),
            ("{\"w\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [-8, 0]}}", "data_offsets"),
            ("{\"w\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}}", "truncated"),
            ("{\"w\": {\"dtype\": \"F31\", \"shape\": [2], \"data_offsets\": [0, 8]}}", "dtype"),
            (String(repeating: "[", count: 100_000), "nested too deeply"),
            ("{\"__metadata__\": {}}", "no tensors"),
            ("[1, 2]", "not a JSON object"),
        ]
        for (json, fragment) in cases {
            XCTAssertThrowsError(try SafetensorsHeader.parse(header: Data(json.utf8), dataBytes: 4, path: "m.safetensors")) { error in
                XCTAssertTrue("\(error)".contains(fragment), "'\(error)' lacks '\(fragment)'")
            }
        }
    }

    func testHeaderClaimingTwoToTheSixtyBytesIsRefusedWithoutReadingIt() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hardening-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        var length = (UInt64(1) << 60).littleEndian
        var bytes = Data(bytes: &length, count: 8)
        bytes.append(contentsOf: Array("{\"w\": {}}".utf8))
        try bytes.write(to: url)
        XCTAssertThrowsError(try ModelInventory.load(path: url.path)) { error in
            XCTAssertTrue("\(error)".contains("claims a header of 1152921504606846976 bytes"), "\(error)")
        }
    }
}
