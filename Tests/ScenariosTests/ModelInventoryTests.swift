import Foundation
import OptimizerCore
import Scenarios
import XCTest

/// `descent partition`'s readers: safetensors headers validated before they are trusted, and
/// names files with line-numbered errors.
final class ModelInventoryTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("inventory-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func safetensors(header: String, dataBytes: Int, claimedLength: UInt64? = nil) throws -> String {
        var data = Data()
        var length = (claimedLength ?? UInt64(header.utf8.count)).littleEndian
        withUnsafeBytes(of: &length) { data.append(contentsOf: $0) }
        data.append(contentsOf: header.utf8)
        data.append(Data(count: dataBytes))
        let url = directory.appendingPathComponent("model-\(UUID().uuidString).safetensors")
        try data.write(to: url)
        return url.path
    }

    private func loadError(_ path: String) -> String {
        do {
            _ = try ModelInventory.load(path: path)
            return ""
        } catch {
            return error.description
        }
    }

    func testReadsAValidHeaderInStorageOrder() throws {
        let header = """
        {"__metadata__":{"format":"pt"},"lm_head.weight":{"dtype":"F32","shape":[10,4],"data_offsets":[48,208]},\
        "model.embed_tokens.weight":{"dtype":"F32","shape":[10,4],"data_offsets":[0,160]},"model.norm.weight":{"dtype":"BF16","shape":[4],"data_offsets":[160,168]}}
        """
        let inventory = try ModelInventory.load(path: try safetensors(header: header, dataBytes: 208))
        XCTAssertEqual(inventory.tensors.map(\.name), ["model.embed_tokens.weight", "lm_head.weight", "model.norm.weight"])
        let report = try PartitionReport(inventory: inventory, rules: AdamMiniNameRules(dim: 4, heads: 2))
        XCTAssertEqual(report.parameters, 84)
        XCTAssertEqual(report.rows.map(\.blocks), [10, 10, 1])
        XCTAssertEqual(report.adamMiniState, 84 + 21)
        XCTAssertEqual(report.adamWState, 168)
    }

    func testRefusesAbsurdHeaderLength() throws {
        let path = try safetensors(header: "{}", dataBytes: 0, claimedLength: 1 << 60)
        XCTAssertTrue(loadError(path).contains("claims a header of 1152921504606846976 bytes"), loadError(path))
    }

    func testRefusesTruncatedFiles() throws {
        let cut = try safetensors(header: "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", dataBytes: 0, claimedLength: 500)
        XCTAssertTrue(loadError(cut).contains("truncated"), loadError(cut))
        let shortData = try safetensors(header: "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", dataBytes: 8)
        XCTAssertTrue(loadError(shortData).contains("truncated"), loadError(shortData))
    }

    func testRefusesInconsistentEntries() throws {
        let wrongSize = try safetensors(header: "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,8]}}", dataBytes: 8)
        XCTAssertTrue(loadError(wrongSize).contains("do not hold 4 elements of F32"), loadError(wrongSize))
        let badType = try safetensors(header: "{\"a\":{\"dtype\":\"Q4\",\"shape\":[4],\"data_offsets\":[0,8]}}", dataBytes: 8)
        XCTAssertTrue(loadError(badType).contains("dtype"), loadError(badType))
        let nested = try safetensors(header: String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000), dataBytes: 0)
        XCTAssertTrue(loadError(nested).contains("nested too deeply"), loadError(nested))
        let notJSON = try safetensors(header: "{not json", dataBytes: 0)
        XCTAssertTrue(loadError(notJSON).contains("not a JSON object"), loadError(notJSON))
    }

    func testNamesFile() throws {
        let text = """
        # a tiny model
        model.embed_tokens.weight 100x16
        model.layers.0.self_attn.q_proj.weight 16x16
        model.norm.weight 16
        """
        let inventory = try NamesFile.parse(text, file: "names.txt")
        XCTAssertEqual(inventory.tensors.map(\.shape), [[100, 16], [16, 16], [16]])
        let report = try PartitionReport(inventory: inventory, rules: AdamMiniNameRules(dim: 16, heads: 4))
        XCTAssertEqual(report.rows.map(\.rule), [.perRow, .perHead, .wholeTensor])
        XCTAssertEqual(report.rows.map(\.blocks), [100, 4, 1])
    }

    func testNamesFileErrorsCarryLines() {
        XCTAssertThrowsError(try NamesFile.parse("a 4x4\nb 4xq\n", file: "n.txt")) { error in
            XCTAssertEqual((error as? ModelInventoryError)?.line, 2)
            XCTAssertTrue("\(error)".contains("4xq"))
        }
        XCTAssertThrowsError(try NamesFile.parse("a 4x4\na 2\n", file: "n.txt")) { error in
            XCTAssertTrue("\(error)".contains("listed twice"))
        }
        XCTAssertThrowsError(try NamesFile.parse("a 99999999x99999999x99999999\n", file: "n.txt")) { error in
            XCTAssertTrue("\(error)".contains("2^48"))
        }
        XCTAssertThrowsError(try NamesFile.parse("\n# only comments\n", file: "n.txt"))
    }

    func testHeadMismatchIsAClearError() throws {
        let inventory = try NamesFile.parse("model.layers.0.self_attn.q_proj.weight 100x256\n", file: "n.txt")
        XCTAssertThrowsError(try PartitionReport(inventory: inventory, rules: AdamMiniNameRules(dim: 256, heads: 8))) { error in
            XCTAssertTrue("\(error)".contains("not a multiple of dim*dim/n_heads"))
        }
    }
}
