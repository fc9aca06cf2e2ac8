import Foundation
import Scenarios
import XCTest

/// Sharded checkpoints read through model.safetensors.index.json: generated folders read back
/// exactly, whatever the index's key order; mutated indexes and shard headers, and absurd
/// indexes, end in the shards' tensors or in an error naming a file of the folder.
final class ShardIndexFuzzTests: XCTestCase {
    private typealias Shard = (name: String, tensors: [(name: String, shape: [Int])])

    /// Random shards of BF16 tensors with unique names, across 1 to 3 files.
    private func randomShards(_ random: inout Mutator) -> [Shard] {
        let count = 1 + random.below(3)
        var serial = 0
        return (1...count).map { number in
            let tensors = (0..<(1 + random.below(4))).map { _ -> (name: String, shape: [Int]) in
                serial += 1
                let shape = (0..<(1 + random.below(2))).map { _ in 1 + random.below(6) }
                return ("model.layers.\(serial).\(random.pick(["q_proj", "mlp.up_proj", "input_layernorm", "é"])).weight", shape)
            }
            return (String(format: "model-%05d-of-%05d.safetensors", number, count), tensors)
        }
    }

    private func header(_ tensors: [(name: String, shape: [Int])]) -> (json: String, dataBytes: Int) {
        var offset = 0
        let entries = tensors.map { tensor -> String in
            let bytes = 2 * tensor.shape.reduce(1, *)
            defer { offset += bytes }
            return "\"\(tensor.name)\":{\"dtype\":\"BF16\",\"shape\":\(tensor.shape),\"data_offsets\":[\(offset),\(offset + bytes)]}"
        }
        return ("{" + entries.joined(separator: ",") + "}", offset)
    }

    private func index(_ shards: [Shard], shuffledWith random: inout Mutator?) -> String {
        var entries = shards.flatMap { shard in shard.tensors.map { "\"\($0.name)\":\"\(shard.name)\"" } }
        if random != nil {
            for i in entries.indices.reversed() { entries.swapAt(i, random!.below(i + 1)) }
        }
        return "{\"metadata\":{\"total_size\":0},\"weight_map\":{" + entries.joined(separator: ",") + "}}"
    }

    private func write(_ shards: [Shard], in files: ModelFiles) throws {
        for shard in shards {
            let (json, dataBytes) = header(shard.tensors)
            try files.writeShard(header: Array(json.utf8), dataBytes: dataBytes, to: shard.name)
        }
    }

    private func read(_ files: ModelFiles, file: StaticString = #filePath, line: UInt = #line) -> ModelInventory? {
        let path = files.path("model.safetensors.index.json")
        do {
            let checkpoint = try ModelCheckpoint.load(path: path)
            if case .shardIndex = checkpoint.origin, let broken = brokenInventoryPromise(checkpoint.inventory) {
                XCTFail(broken, file: file, line: line)
            }
            return checkpoint.inventory
        } catch {
            XCTAssertTrue(error.file.hasPrefix(files.folder.path), "\(error)", file: file, line: line)
            XCTAssertGreaterThan(error.message.count, 10, file: file, line: line)
            return nil
        }
    }

    func testGeneratedFoldersReadBackWhateverTheIndexOrder() throws {
        let files = try ModelFiles()
        defer { files.remove() }
        var random = Mutator(seed: 0x5A4D, dictionary: [""])
        for _ in 0..<100 {
            let shards = randomShards(&random)
            try write(shards, in: files)
            var inOrder: Mutator? = nil
            try files.write(Array(index(shards, shuffledWith: &inOrder).utf8), to: "model.safetensors.index.json")
            let inventory = try XCTUnwrap(read(files))
            XCTAssertEqual(inventory.tensors.map(\.name), shards.flatMap { $0.tensors.map(\.name) }, "shard order, then storage order")
            XCTAssertEqual(inventory.tensors.map(\.shape), shards.flatMap { $0.tensors.map(\.shape) })
            var shuffler: Mutator? = random
            try files.write(Array(index(shards, shuffledWith: &shuffler).utf8), to: "model.safetensors.index.json")
            random = shuffler!
            XCTAssertEqual(read(files), inventory, "the index's key order changed the tensors")
            shards.forEach { files.delete($0.name) }
        }
    }

    func testMutatedIndexesAndShardHeadersEndInTensorsOrAnError() throws {
        let files = try ModelFiles()
        defer { files.remove() }
        var random = Mutator(seed: 0x1DE5, dictionary: [
            "{", "}", "[", "]", "\"", ",", ":", "null", "0", "-1", "1e300", "\"weight_map\"", "\"../x.safetensors\"", "\"/etc/passwd\"",
            "\"~/m.safetensors\"", "\"C:m\"", "\"sub/m.safetensors\"", "\"model.safetensors.index.json\"", "\"config.json\"", "\"\"",
            "\"dtype\"", "\"F32\"", "\"shape\"", "\"data_offsets\"", "\\u0000",
        ])
        var read = 0
        for round in 0..<300 {
            let shards = randomShards(&random)
            try write(shards, in: files)
            var inOrder: Mutator? = nil
            var text = Array(index(shards, shuffledWith: &inOrder).utf8)
            if round % 3 == 0 {
                let shard = random.pick(shards)
                let (json, dataBytes) = header(shard.tensors)
                try files.writeShard(header: random.mutate(Array(json.utf8), rounds: 1), dataBytes: dataBytes, to: shard.name)
            } else {
                text = random.mutate(text, rounds: 1)
            }
            try files.write(text, to: "model.safetensors.index.json")
            if self.read(files) != nil { read += 1 }
            shards.forEach { files.delete($0.name) }
        }
        // An index must agree with its shards name for name, so few mutations leave one readable.
        XCTAssertGreaterThan(read, 3, "mutations should leave some folders readable")
    }

    func testIndexListingAMillionTensorsIsRefusedByName() throws {
        let files = try ModelFiles()
        defer { files.remove() }
        let entries = (0..<1_000_000).map { "\"t\($0)\":\"s.safetensors\"" }.joined(separator: ",")
        try files.write(Array("{\"weight_map\":{\(entries)}}".utf8), to: "model.safetensors.index.json")
        XCTAssertThrowsError(try ModelCheckpoint.load(path: files.path("model.safetensors.index.json"))) { error in
            XCTAssertTrue("\(error)".contains("weight_map lists 1000000 tensors; at most 500000"), "\(error)")
        }
    }

    func testIndexesNamingFilesOutsideTheFolderAreRefused() throws {
        let files = try ModelFiles()
        defer { files.remove() }
        for shard in ["../model.safetensors", "/etc/passwd", "~/model.safetensors", "C:model.safetensors", "a/../../b", "", "\\\\server\\m"] {
            try files.write(Array("{\"weight_map\":{\"w\":\(String(reflecting: shard))}}".utf8), to: "model.safetensors.index.json")
            XCTAssertThrowsError(try ModelCheckpoint.load(path: files.path("model.safetensors.index.json")), shard) { error in
                XCTAssertTrue("\(error)".contains("refuses shard"), "\(shard): \(error)")
            }
        }
    }
}
