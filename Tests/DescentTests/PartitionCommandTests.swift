import Foundation
import XCTest

/// `descent partition` as a user runs it: dims from config.json or flags, errors that name the
/// flags, and the JSON keys scripts read.
final class PartitionCommandTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "descent-partition-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func descent(_ arguments: String...) throws -> (status: Int32, output: String, error: String) {
        try Executable.capture(try Executable.descent(), arguments)
    }

    private let llama8B = "Tests/ScenariosTests/Fixtures/llama-3-8b/config.json"

    func testConfigGivesTheDimsAndFlagsOverrideThem() throws {
        let table = try descent("partition", llama8B)
        XCTAssertEqual(table.status, 0, table.error)
        XCTAssertTrue(table.output.contains("attention  dim 4096, heads 32, kv heads 8: head pieces of 524,288 elements (from config.json"), table.output)
        XCTAssertTrue(table.output.split(separator: "\n").contains { $0.hasPrefix("parameters ") && $0.hasSuffix(" 8,030,261,248") }, table.output)
        XCTAssertTrue(table.output.contains("parameters (BF16)"), table.output)
        XCTAssertTrue(table.output.contains("warnings: none"), table.output)
        let overridden = try descent("partition", llama8B, "--heads", "64", "--format", "json")
        XCTAssertEqual(overridden.status, 0, overridden.error)
        XCTAssertTrue(overridden.output.contains("\"attention\":{\"dim\":4096,\"heads\":64,\"kv_heads\":64,"), overridden.output)
    }

    func testJSONKeepsTodaysKeysAndAddsMemoryAndWarnings() throws {
        let result = try descent("partition", llama8B, "--format", "json")
        XCTAssertEqual(result.status, 0, result.error)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        for key in ["parameters", "adamw_state", "adam_mini_state", "saving", "tensors", "memory", "warnings"] {
            XCTAssertNotNil(object[key], key)
        }
        XCTAssertEqual(object["parameters"] as? Int, 8_030_261_248)
        let memory = try XCTUnwrap(object["memory"] as? [String: Any])
        XCTAssertEqual(memory["dtype"] as? String, "BF16")
        let parameters = try XCTUnwrap(memory["parameters"] as? [String: Any])
        XCTAssertEqual(parameters["bytes"] as? Int, 16_060_522_496)
        XCTAssertEqual((parameters["gib"] as? Double) ?? 0, 14.957, accuracy: 0.001)
        XCTAssertEqual((memory["adam_mini"] as? [String: Any])?["bytes"] as? Int, 4 * (8_030_261_248 + 1_470_273))
        XCTAssertEqual((object["warnings"] as? [Any])?.count, 0)
        let tensor = try XCTUnwrap((object["tensors"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(tensor.keys), ["name", "shape", "numel", "rule", "blocks"])
    }

    func testMissingDimsNameTheFlags() throws {
        let names = directory + "/names.txt"
        try "model.layers.0.self_attn.q_proj.weight 64x64\nmodel.norm.weight 64\n".write(toFile: names, atomically: false, encoding: .utf8)
        let neither = try descent("partition", names)
        XCTAssertEqual(neither.status, 64)
        XCTAssertTrue(neither.error.contains("give --dim (the model width, hidden_size) and --heads (num_attention_heads)"), neither.error)
        XCTAssertFalse(neither.error.contains("set dim and n_heads"), "names the flags, not the scenario keys")
        let halfway = try descent("partition", names, "--dim", "64")
        XCTAssertEqual(halfway.status, 64)
        XCTAssertTrue(halfway.error.contains("give --heads (num_attention_heads)"), halfway.error)
        let given = try descent("partition", names, "--dim", "64", "--heads", "4")
        XCTAssertEqual(given.status, 0, given.error)
        // A model without query/key tensors does not depend on them.
        try "model.norm.weight 64\n".write(toFile: names, atomically: false, encoding: .utf8)
        XCTAssertEqual(try descent("partition", names).status, 0)
    }

    func testHeadPieceMismatchNamesTheTensor() throws {
        let names = directory + "/names.txt"
        try "model.layers.0.self_attn.q_proj.weight 100x64\n".write(toFile: names, atomically: false, encoding: .utf8)
        let result = try descent("partition", names, "--dim", "64", "--heads", "4")
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.error.contains("tensor model.layers.0.self_attn.q_proj.weight has 6400 elements, not a whole number of the official head pieces dim*dim/heads = 64*64/4 = 1024"), result.error)
        XCTAssertTrue(result.error.contains("dim and heads are from --dim, --heads"), result.error)
    }
}
