import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Scenarios
import XCTest

/// Sharded checkpoints through model.safetensors.index.json: every shard's header read, the
/// index checked against them, and hostile indexes refused before any shard is opened.
final class ShardIndexTests: XCTestCase {
    private var fixture: ModelFolderFixture!

    override func setUpWithError() throws {
        fixture = try ModelFolderFixture()
    }

    override func tearDownWithError() throws {
        fixture.remove()
    }

    /// Llama-3-70B's shape: 80 layers, 723 tensors, bfloat16.
    private let llama70B: [String: Any] = [
        "architectures": ["LlamaForCausalLM"], "hidden_size": 8192, "intermediate_size": 28672, "num_hidden_layers": 80,
        "num_attention_heads": 64, "num_key_value_heads": 8, "vocab_size": 128256, "tie_word_embeddings": false,
        "torch_dtype": "bfloat16",
    ]

    private func loadError(_ path: String) -> String {
        do {
            _ = try ModelCheckpoint.load(path: path)
            return "(no error)"
        } catch {
            return error.description
        }
    }

    /// A 70B-shaped folder: config.json, 30 sparse shards and their index.
    private func write70BFolder() throws -> (folder: String, tensors: [ModelInventory.Tensor]) {
        let config = try fixture.writeJSON(llama70B, to: "llama-70b/config.json")
        let tensors = try ModelCheckpoint.load(path: config).inventory.tensors
        try fixture.writeSharded(tensors, shards: 30, in: "llama-70b")
        return (fixture.root.appendingPathComponent("llama-70b").path, tensors)
    }

    func testSeventyBillionShapedFolderReadsEveryShardHeader() throws {
        let (folder, tensors) = try write70BFolder()
        XCTAssertEqual(tensors.count, 723)
        let checkpoint = try ModelCheckpoint.load(path: folder)
        XCTAssertEqual(checkpoint.origin, .shardIndex(folder + "/model.safetensors.index.json", shards: 30))
        XCTAssertEqual(checkpoint.inventory.tensors.map(\.name), tensors.map(\.name), "shard order, then storage order")
        XCTAssertEqual(checkpoint.inventory.tensors.map(\.shape), tensors.map(\.shape))
        XCTAssertTrue(checkpoint.inventory.tensors.allSatisfy { $0.dtype == "BF16" })
        XCTAssertEqual(checkpoint.inventory.tensors.reduce(0) { $0 + $1.count }, 70_553_706_496)
        XCTAssertEqual(checkpoint.config?.attention, AttentionGeometry(dim: 8192, heads: 64, kvHeads: 8, headDim: 128))
        // Sparse: the shards claim about 141 GB, which the disk does not hold.
        let shard = folder + "/model-00002-of-00030.safetensors"
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: shard)[.size] as? Int)
        XCTAssertGreaterThan(size, 1_000_000_000)
    }

    func testIndexOrShardPathUsesTheConfigBesideIt() throws {
        let (folder, _) = try write70BFolder()
        let viaIndex = try ModelCheckpoint.load(path: folder + "/model.safetensors.index.json")
        XCTAssertEqual(viaIndex.config?.file, folder + "/config.json")
        XCTAssertEqual(viaIndex.inventory.tensors.count, 723)
        let viaShard = try ModelCheckpoint.load(path: folder + "/model-00001-of-00030.safetensors")
        XCTAssertEqual(viaShard.origin, .safetensors(folder + "/model-00001-of-00030.safetensors"))
        XCTAssertEqual(viaShard.config?.attention.heads, 64)
        XCTAssertEqual(viaShard.inventory.tensors.count, 723 / 30)
    }

    func testMissingShardAndAbsentTensorAreErrors() throws {
        let (folder, _) = try write70BFolder()
        try FileManager.default.removeItem(atPath: folder + "/model-00007-of-00030.safetensors")
        let missing = loadError(folder)
        XCTAssertTrue(missing.contains("shard model-00007-of-00030.safetensors is missing"), missing)
        XCTAssertTrue(missing.contains("the index lists 24 tensors in it"), missing)

        try fixture.writeShard([ModelInventory.Tensor(name: "model.norm.weight", shape: [8192], dtype: "BF16")], to: "llama-70b/model-00007-of-00030.safetensors")
        let absent = loadError(folder)
        XCTAssertTrue(absent.contains("is listed in shard model-00007-of-00030.safetensors but that shard's header does not hold it"), absent)
    }

    func testTensorStoredInTwoShardsIsAnError() throws {
        let norm = ModelInventory.Tensor(name: "model.norm.weight", shape: [8], dtype: "F32")
        try fixture.writeShard([norm], to: "m/a.safetensors")
        try fixture.writeShard([norm, ModelInventory.Tensor(name: "x.weight", shape: [2, 2], dtype: "F32")], to: "m/b.safetensors")
        let index = try fixture.writeJSON(["weight_map": ["model.norm.weight": "a.safetensors", "x.weight": "b.safetensors"]], to: "m/model.safetensors.index.json")
        XCTAssertTrue(loadError(index).contains("tensor model.norm.weight is stored in two shards, a.safetensors and b.safetensors"), loadError(index))
    }

    func testHostileIndexesAreRefusedWithoutReadingOutsideTheFolder() throws {
        // A valid safetensors file outside the model folder, which a hostile index points at.
        try fixture.writeShard([ModelInventory.Tensor(name: "secret.weight", shape: [4], dtype: "F32")], to: "outside.safetensors")
        let outsidePath = fixture.root.appendingPathComponent("outside.safetensors").path
        for shard in ["../outside.safetensors", "sub/../../outside.safetensors", outsidePath, "/etc/passwd", "..\\outside.safetensors",
                      "C:\\models\\x.safetensors", "~/x.safetensors", ""] {
            let index = try fixture.writeJSON(["weight_map": ["secret.weight": shard]], to: "model/model.safetensors.index.json")
            let error = loadError(index)
            XCTAssertTrue(error.contains("refuses shard"), "\(shard): \(error)")
            XCTAssertFalse(error.contains("secret.weight\":{"), error)
        }
        let cases: [(String, String)] = [
            ("{not json", "is not valid JSON"),
            ("[1, 2]", "holds a JSON array, not an object"),
            ("{\"weight_map\": [\"a\"]}", "key weight_map must be an object"),
            ("{\"weight_map\": {}}", "weight_map lists no tensors"),
            ("{\"weight_map\": {\"a\": 3}}", "weight_map entry a is not a shard file name"),
            (String(repeating: "[", count: 100_000), "nested more than"),
        ]
        for (text, expected) in cases {
            let index = try fixture.write(text, to: "model/model.safetensors.index.json")
            XCTAssertTrue(loadError(index).contains(expected), "\(text.prefix(30)): \(loadError(index))")
        }
    }

    func testOversizedFilesEndInAClearErrorNotAHugeRead() throws {
        let config = try fixture.write("{\"architectures\": [\"LlamaForCausalLM\"]}", to: "big/config.json")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: config))
        try handle.truncate(atOffset: 100_000_000)
        try handle.close()
        XCTAssertTrue(loadError(config).contains("is over 33554432 bytes"), loadError(config))

        // A compact index naming more tensors than any real model has.
        var text = "{\"weight_map\":{"
        text += (0..<(ModelInventory.maximumTensors + 1)).map { "\"t\($0)\":\"s\"" }.joined(separator: ",")
        text += "}}"
        let index = try fixture.write(text, to: "many/model.safetensors.index.json")
        XCTAssertTrue(loadError(index).contains("weight_map lists 500001 tensors; at most 500000 are accepted"), loadError(index))
    }

    func testPipesAndFoldersAreRefusedBeforeOpening() throws {
        // Opening a named pipe would block until something writes to it.
        let pipe = try fixture.path("piped/model-00001-of-00001.safetensors")
        XCTAssertEqual(mkfifo(pipe, 0o600), 0)
        let index = try fixture.writeJSON(["weight_map": ["w": "model-00001-of-00001.safetensors"]], to: "piped/model.safetensors.index.json")
        XCTAssertTrue(loadError(index).contains("is a named pipe; expected a regular file"), loadError(index))
        let config = try fixture.path("piped-config/config.json")
        XCTAssertEqual(mkfifo(config, 0o600), 0)
        XCTAssertTrue(loadError(config).contains("is a named pipe"), loadError(config))
        try FileManager.default.createDirectory(atPath: try fixture.path("shard-folder/model.safetensors/x"), withIntermediateDirectories: true)
        XCTAssertTrue(loadError(fixture.root.appendingPathComponent("shard-folder").path).contains("is a folder"))
    }

    func testFoldersWithoutOneClearCheckpoint() throws {
        let empty = try fixture.path("empty/x")
        try FileManager.default.createDirectory(atPath: (empty as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let emptyFolder = (empty as NSString).deletingLastPathComponent
        XCTAssertTrue(loadError(emptyFolder).contains("holds no config.json, no .safetensors file and no model.safetensors.index.json"), loadError(emptyFolder))
        let tensor = ModelInventory.Tensor(name: "w", shape: [2], dtype: "F32")
        try fixture.writeShard([tensor], to: "two/a.safetensors")
        try fixture.writeShard([tensor], to: "two/b.safetensors")
        let two = fixture.root.appendingPathComponent("two").path
        XCTAssertTrue(loadError(two).contains("holds 2 .safetensors files (a.safetensors, b.safetensors) and no index"), loadError(two))
        try fixture.writeShard([tensor], to: "single/weights.safetensors")
        let single = try ModelCheckpoint.load(path: fixture.root.appendingPathComponent("single").path)
        XCTAssertEqual(single.inventory.tensors, [tensor])
        XCTAssertNil(single.config)
    }
}
