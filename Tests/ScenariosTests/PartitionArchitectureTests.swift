import Foundation
import OptimizerCore
import Scenarios
import XCTest

/// Tensors written out from config.json alone against transformers' own (meta device, tied
/// weights dropped, checked against save_pretrained), and block counts against the official
/// Adam-mini 1.1.1; the fixture is made by tools/make_partition_fixtures.py.
final class PartitionArchitectureTests: XCTestCase {
    private var fixture: ModelFolderFixture!

    override func setUpWithError() throws {
        fixture = try ModelFolderFixture()
    }

    override func tearDownWithError() throws {
        fixture.remove()
    }

    private func cases() throws -> [[String: Any]] {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "partition_architectures", withExtension: "json", subdirectory: "Fixtures"))
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        XCTAssertEqual(document["adam_mini"] as? String, "1.1.1")
        return try XCTUnwrap(document["cases"] as? [[String: Any]])
    }

    /// The case's config.json as transformers wrote it, loaded alone.
    private func checkpoint(_ testCase: [String: Any]) throws -> ModelCheckpoint {
        let name = testCase["name"] as! String
        let path = try fixture.writeJSON(testCase["config"]!, to: "\(name)/config.json")
        return try ModelCheckpoint.load(path: path)
    }

    func testEveryArchitectureIsCovered() throws {
        let classes = Set(try cases().compactMap { (($0["config"] as? [String: Any])?["architectures"] as? [String])?.first })
        XCTAssertEqual(classes, Set(ModelArchitecture.allCases.map(\.rawValue)))
    }

    func testSynthesisedTensorsEqualTransformers() throws {
        for testCase in try cases() {
            let name = testCase["name"] as! String
            let loaded = try checkpoint(testCase)
            guard case .config(_, let architecture) = loaded.origin else { return XCTFail("\(name): \(loaded.origin)") }
            XCTAssertEqual(architecture.rawValue, ((testCase["config"] as! [String: Any])["architectures"] as! [String])[0])
            let expected = (testCase["tensors"] as! [[Any]]).map { ($0[0] as! String, ($0[1] as! [NSNumber]).map(\.intValue)) }
            XCTAssertEqual(loaded.inventory.tensors.map(\.name), expected.map(\.0), name)
            XCTAssertEqual(loaded.inventory.tensors.map(\.shape), expected.map(\.1), name)
            XCTAssertTrue(loaded.inventory.tensors.allSatisfy { $0.dtype == "F32" }, "\(name): dtype float32 from the config")
        }
    }

    func testModelFolderWithOneSafetensorsFileUsesItsConfig() throws {
        for testCase in try cases() {
            let name = testCase["name"] as! String
            let synthesised = try checkpoint(testCase)
            try fixture.writeShard(synthesised.inventory.tensors, to: "\(name)/model.safetensors")
            let folder = try ModelCheckpoint.load(path: fixture.root.appendingPathComponent(name).path)
            XCTAssertEqual(folder.origin, .safetensors(fixture.root.appendingPathComponent("\(name)/model.safetensors").path))
            XCTAssertEqual(folder.inventory.tensors, synthesised.inventory.tensors, "\(name): header tensors in storage order")
            XCTAssertEqual(folder.config, synthesised.config)
        }
    }

    func testAttentionFromConfigIsWhatAnOfficialUserPasses() throws {
        for testCase in try cases() {
            let official = testCase["official"] as! [String: Any]
            let attention = try checkpoint(testCase).config!.attention
            XCTAssertEqual(attention.dim, official["dim"] as? Int, testCase["name"] as! String)
            XCTAssertEqual(attention.heads, official["n_heads"] as? Int, testCase["name"] as! String)
            XCTAssertEqual(attention.kvHeads, official["n_kv_heads"] as? Int, testCase["name"] as! String)
        }
    }

    func testBlockCountsEqualTheOfficialAdamMini() throws {
        for testCase in try cases() {
            let name = testCase["name"] as! String
            let official = testCase["official"] as! [String: Any]
            let blocks = official["blocks"] as! [String: Any]
            let rules = AdamMiniNameRules(dim: official["dim"] as! Int, heads: official["n_heads"] as! Int, kvHeads: official["n_kv_heads"] as? Int)
            let report = try PartitionReport(inventory: try checkpoint(testCase).inventory, rules: rules)
            XCTAssertEqual(report.rows.count, blocks.count, name)
            for row in report.rows {
                switch blocks[row.name] {
                case let count as Int:
                    XCTAssertEqual(row.blocks, count, "\(name): \(row.name)")
                case let failure as String:
                    // The official step raises on a 1-D tensor under the row rule; descent keeps one block.
                    XCTAssertTrue(failure.hasPrefix("error: IndexError"), failure)
                    XCTAssertEqual(row.rule, .perRow, row.name)
                    XCTAssertEqual(row.shape.count, 1, row.name)
                    XCTAssertEqual(row.blocks, 1, row.name)
                default:
                    XCTFail("\(name): \(row.name) is not in the official counts")
                }
            }
        }
    }

    func testNoQueryKeyWarningExactlyWhereTheOfficialFindsNone() throws {
        for testCase in try cases() {
            let official = testCase["official"] as! [String: Any]
            let summary = (official["count_block"] as! [String]).joined()
            let loaded = try checkpoint(testCase)
            let rules = AdamMiniNameRules(dim: official["dim"] as! Int, heads: official["n_heads"] as! Int, kvHeads: official["n_kv_heads"] as? Int)
            let report = try PartitionReport(inventory: loaded.inventory, rules: rules)
            let kinds = PartitionWarning.detect(report: report, rules: rules, attention: loaded.config?.attention,
                                                tiedEmbeddings: loaded.config?.tiesWordEmbeddings).map(\.kind)
            XCTAssertEqual(kinds.contains(.noQueryKey), summary.contains(" 0 Querys and Keys"), "\(testCase["name"]!): \(summary)")
        }
    }

    func testLlama3EightBConfig() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "config", withExtension: "json", subdirectory: "Fixtures/llama-3-8b"))
        let loaded = try ModelCheckpoint.load(path: url.path)
        XCTAssertEqual(loaded.inventory.tensors.count, 291)
        XCTAssertEqual(loaded.inventory.tensors.reduce(0) { $0 + $1.count }, 8_030_261_248)
        XCTAssertEqual(loaded.config?.dtypeCode, "BF16", "the older torch_dtype key")
        let report = try PartitionReport(inventory: loaded.inventory, rules: AdamMiniNameRules(dim: 4096, heads: 32, kvHeads: 8))
        // Per layer: q 32 + k 8 heads, v 1,024 + o 4,096 + gate/up 14,336 each + down 4,096 rows,
        // two norms; plus embed and lm_head 128,256 rows each and the final norm.
        XCTAssertEqual(report.blocks, 32 * (32 + 8 + 1024 + 4096 + 14336 * 2 + 4096 + 2) + 2 * 128_256 + 1)
    }

    func testConfigDefaultsFillOmittedKeys() throws {
        // GPT-2's config class defaults: the 124M model, tied output head.
        let gpt2 = try ModelCheckpoint.load(path: fixture.writeJSON(["architectures": ["GPT2LMHeadModel"]], to: "gpt2/config.json"))
        XCTAssertEqual(gpt2.inventory.tensors.reduce(0) { $0 + $1.count }, 124_439_808)
        XCTAssertFalse(gpt2.inventory.tensors.contains { $0.name == "lm_head.weight" })
        XCTAssertNil(gpt2.inventory.tensors[0].dtype, "no dtype in the config")
        // Qwen3 defaults head_dim to 128 whatever the width; Mistral to 8 kv heads.
        let qwen3 = try ModelCheckpoint.load(path: fixture.writeJSON(["architectures": ["Qwen3ForCausalLM"], "hidden_size": 1024, "num_attention_heads": 16, "dtype": "bfloat16"], to: "q3/config.json"))
        XCTAssertEqual(qwen3.config?.attention, AttentionGeometry(dim: 1024, heads: 16, kvHeads: 32, headDim: 128))
        XCTAssertEqual(qwen3.inventory.tensors[1].shape, [16 * 128, 1024])
        XCTAssertEqual(qwen3.inventory.tensors[0].dtype, "BF16")
        let mistral = try ModelCheckpoint.load(path: fixture.writeJSON(["architectures": ["MistralForCausalLM"], "num_key_value_heads": NSNull()], to: "m/config.json"))
        XCTAssertEqual(mistral.config?.attention.kvHeads, 32, "null means the head count")
    }

    func testConfigErrorsNameTheKey() throws {
        func error(_ object: Any) throws -> String {
            let path = try fixture.writeJSON(object, to: "bad-\(UUID().uuidString)/config.json")
            do {
                _ = try ModelCheckpoint.load(path: path)
                return "(no error)"
            } catch {
                return error.description
            }
        }
        let unsupported = try error(["architectures": ["PhiForCausalLM"], "hidden_size": 2048])
        XCTAssertTrue(unsupported.contains("lists architectures PhiForCausalLM; descent writes out the tensors of LlamaForCausalLM, MistralForCausalLM, Qwen2ForCausalLM, Qwen3ForCausalLM, GemmaForCausalLM, GPT2LMHeadModel, BertForMaskedLM, BertModel"), unsupported)
        XCTAssertTrue(try error(["architectures": ["LlamaForCausalLM"], "hidden_size": "4096"]).contains("key hidden_size is \"4096\"; expected a whole number"))
        XCTAssertTrue(try error(["architectures": ["LlamaForCausalLM"], "hidden_size": 40.5]).contains("key hidden_size is 40.5"))
        XCTAssertTrue(try error(["architectures": ["LlamaForCausalLM"], "tie_word_embeddings": 1]).contains("key tie_word_embeddings is 1; expected true or false"))
        XCTAssertTrue(try error(["architectures": ["LlamaForCausalLM"], "torch_dtype": "float12"]).contains("key torch_dtype is \"float12\"; expected one of"))
        XCTAssertTrue(try error(["architectures": "LlamaForCausalLM"]).contains("key architectures must be a list"))
        XCTAssertTrue(try error(["architectures": ["LlamaForCausalLM"], "num_attention_heads": 0]).contains("of at least 1"))
        XCTAssertTrue(try error(["architectures": ["LlamaForCausalLM"], "num_hidden_layers": 2_000_000_000]).contains("key num_hidden_layers is 2000000000; a config alone is written out with 0 to 1024 layers"))
        XCTAssertTrue(try error(["architectures": ["GPT2LMHeadModel"], "n_layer": 1025]).contains("key n_layer is 1025"))
        XCTAssertTrue(try error(["architectures": ["BertModel"], "num_hidden_layers": -1]).contains("key num_hidden_layers is -1"))
        XCTAssertTrue(try error(["architectures": ["LlamaForCausalLM"], "hidden_size": 2_000_000_000, "vocab_size": 2_000_000_000]).contains("larger than 2^48 elements"))
        XCTAssertTrue(try error(["architectures": ["GPT2LMHeadModel"], "add_cross_attention": true]).contains("sets add_cross_attention"))
    }
}
