import Foundation
import OptimizerCore
import Scenarios
import XCTest

/// Every warning kind raised by a model that has the pitfall, once, with its tensors; none on
/// a clean Llama or Mistral.
final class PartitionWarningTests: XCTestCase {
    private var fixture: ModelFolderFixture!

    override func setUpWithError() throws {
        fixture = try ModelFolderFixture()
    }

    override func tearDownWithError() throws {
        fixture.remove()
    }

    private func architectureCase(_ name: String) throws -> [String: Any] {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "partition_architectures", withExtension: "json", subdirectory: "Fixtures"))
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        return try XCTUnwrap((document["cases"] as? [[String: Any]])?.first { $0["name"] as? String == name })
    }

    /// The warnings for a config.json written out from the fixture, with the dims its config gives.
    private func warnings(config object: Any, name: String) throws -> [PartitionWarning] {
        let loaded = try ModelCheckpoint.load(path: fixture.writeJSON(object, to: "\(name)/config.json"))
        return try warnings(loaded)
    }

    private func warnings(_ loaded: ModelCheckpoint, rules given: AdamMiniNameRules? = nil) throws -> [PartitionWarning] {
        let attention = loaded.config?.attention
        let rules = given ?? AdamMiniNameRules(dim: attention?.dim ?? 2048, heads: attention?.heads ?? 32, kvHeads: attention?.kvHeads)
        let report = try PartitionReport(inventory: loaded.inventory, rules: rules)
        let found = PartitionWarning.detect(report: report, rules: rules, attention: attention, tiedEmbeddings: loaded.config?.tiesWordEmbeddings)
        XCTAssertEqual(Set(found.map(\.kind)).count, found.count, "each kind once")
        return found
    }

    private func fixtureWarnings(_ name: String) throws -> [PartitionWarning] {
        try warnings(config: architectureCase(name)["config"]!, name: name)
    }

    private func names(_ text: String) throws -> ModelCheckpoint {
        try ModelCheckpoint.load(path: fixture.write(text, to: "names-\(UUID().uuidString).txt"))
    }

    func testCleanLlamaAndMistralHaveNone() throws {
        XCTAssertEqual(try fixtureWarnings("llama"), [])
        XCTAssertEqual(try fixtureWarnings("mistral"), [])
        let url = try XCTUnwrap(Bundle.module.url(forResource: "config", withExtension: "json", subdirectory: "Fixtures/llama-3-8b"))
        XCTAssertEqual(try warnings(ModelCheckpoint.load(path: url.path)), [])
    }

    func testNoQueryKeyAndFusedQKVOnGPT2() throws {
        let found = try fixtureWarnings("gpt2")
        XCTAssertEqual(found.map(\.kind), [.noQueryKey, .fusedQKV, .tiedEmbeddings])
        let noQueryKey = found[0]
        XCTAssertEqual(noQueryKey.tensors, ["transformer.h.0.attn.c_attn.weight", "transformer.h.0.attn.c_proj.weight",
                                            "transformer.h.1.attn.c_attn.weight", "transformer.h.1.attn.c_proj.weight"])
        XCTAssertTrue(noQueryKey.message.contains("found 0 Querys and Keys"), noQueryKey.message)
        XCTAssertTrue(noQueryKey.message.contains("wqk_names"), noQueryKey.message)
        XCTAssertEqual(found[1].tensors, ["transformer.h.0.attn.c_attn.weight", "transformer.h.1.attn.c_attn.weight"])
        XCTAssertTrue(found[1].message.contains("gives them one block for the whole tensor, not one block per query/key head"), found[1].message)
    }

    func testFusedProjectionsOfOtherFamilies() throws {
        let loaded = try names("""
            encoder.layers.0.self_attn.in_proj_weight 192x64
            gpt_neox.layers.0.attention.query_key_value.weight 192x64
            transformer.blocks.0.attn.Wqkv.weight 192x64
            model.layers.0.self_attn.qkv_proj.weight 192x64
            model.layers.0.self_attn.qkv_proj.bias 192
            """)
        let fused = try XCTUnwrap(try warnings(loaded, rules: AdamMiniNameRules(dim: 64, heads: 4)).first { $0.kind == .fusedQKV })
        XCTAssertEqual(fused.tensors.count, 4, "weights, not the bias")
        XCTAssertTrue(fused.message.contains("pieces of dim*dim/heads running across q, k and v or one block per row or one block for the whole tensor"), fused.message)
    }

    func testHeadDimMismatchOnQwen3AndGemma() throws {
        for name in ["qwen3", "gemma"] {
            let mismatch = try XCTUnwrap(try fixtureWarnings(name).first { $0.kind == .headDimMismatch }, name)
            XCTAssertEqual(mismatch.tensors.count, 4, "q and k of two layers")
            // hidden 64, 4 heads of 32: pieces of 64*64/4 = 1,024 elements; q_proj 128x64 makes 8.
            XCTAssertTrue(mismatch.message.contains("32 × 4 = 128 ≠ hidden size 64"), mismatch.message)
            XCTAssertTrue(mismatch.message.contains("makes 8 blocks for 4 heads"), mismatch.message)
            XCTAssertTrue(mismatch.message.contains("k_proj.weight makes 4 for 2 kv heads"), mismatch.message)
        }
    }

    func testTiedEmbeddings() throws {
        for name in ["gemma", "qwen2", "llama-tied-bias", "bert", "bert-model"] {
            let tied = try XCTUnwrap(try fixtureWarnings(name).first { $0.kind == .tiedEmbeddings }, name)
            XCTAssertTrue(tied.message.contains("this is fine"), tied.message)
        }
        XCTAssertEqual(try fixtureWarnings("qwen2").first { $0.kind == .tiedEmbeddings }?.tensors, ["model.embed_tokens.weight"])
        XCTAssertNil(try fixtureWarnings("bert-untied").first { $0.kind == .tiedEmbeddings })
        XCTAssertNil(try fixtureWarnings("gpt2-untied").first { $0.kind == .tiedEmbeddings })
    }

    func testLargeTensorUnderTheWholeTensorRule() throws {
        // Full-size GPT-2: c_attn is 768x2304 = 1,769,472 elements under no marker.
        let found = try warnings(config: ["architectures": ["GPT2LMHeadModel"]], name: "gpt2-full")
        let large = try XCTUnwrap(found.first { $0.kind == .largeWholeTensor })
        XCTAssertEqual(large.tensors.count, 12, "c_attn of 12 layers; attn.c_proj is 589,824 elements")
        XCTAssertTrue(large.tensors.allSatisfy { $0.hasSuffix("attn.c_attn.weight") }, "\(large.tensors)")
        XCTAssertTrue(large.message.contains("can cause training instability"), large.message)
        XCTAssertNil(try fixtureWarnings("gpt2").first { $0.kind == .largeWholeTensor }, "the small one's tensors are small")
    }

    func testSubstringAccidentsAndVectorsUnderTheRowRule() throws {
        let bert = try fixtureWarnings("bert")
        let accident = try XCTUnwrap(bert.first { $0.kind == .substringAccident })
        XCTAssertTrue(accident.tensors.contains("bert.encoder.layer.0.attention.output.dense.weight"), "\(accident.tensors)")
        XCTAssertTrue(accident.tensors.contains("bert.encoder.layer.1.output.dense.weight"), "\(accident.tensors)")
        XCTAssertFalse(accident.tensors.contains("bert.embeddings.word_embeddings.weight"), "embed is meant")
        XCTAssertTrue(accident.message.contains("'output' names a sub-module of a numbered layer"), accident.message)
        let vectors = try XCTUnwrap(bert.first { $0.kind == .vectorUnderRowRule })
        XCTAssertEqual(vectors.tensors, ["bert.embeddings.LayerNorm.weight",
                                         "bert.encoder.layer.0.attention.output.LayerNorm.weight", "bert.encoder.layer.0.output.LayerNorm.weight",
                                         "bert.encoder.layer.1.attention.output.LayerNorm.weight", "bert.encoder.layer.1.output.LayerNorm.weight"],
                       "exactly where the official step raises IndexError")
        XCTAssertTrue(vectors.message.contains("IndexError"), vectors.message)

        let loaded = try names("""
            controlnet.down.weight 64x64
            encoder.monkey.weight 64x64
            model.layers.0.self_attn.qkv_proj.weight 192x64
            transformer.h.0.ln_1.weight 64
            model.layers.0.input_layernorm.weight 64
            """)
        let found = try XCTUnwrap(try warnings(loaded, rules: AdamMiniNameRules(dim: 64, heads: 4)).first { $0.kind == .substringAccident })
        XCTAssertEqual(found.tensors, ["controlnet.down.weight", "encoder.monkey.weight", "model.layers.0.self_attn.qkv_proj.weight"])
        XCTAssertTrue(found.message.contains("'ln' inside 'controlnet' turns weight decay off"), found.message)
        XCTAssertTrue(found.message.contains("'key' inside 'monkey' gives the head rule, not tensor"), found.message)
        XCTAssertTrue(found.message.contains("'v_proj' inside 'qkv_proj' gives the row rule, not tensor"), found.message)
    }

    func testMemoryPerOptimizer() throws {
        let loaded = try names("""
            embed.weight 1000x64
            layers.0.mlp.weight 2x3x4
            norm.weight 64
            """)
        let report = try PartitionReport(inventory: loaded.inventory, rules: AdamMiniNameRules(dim: 64, heads: 4))
        let parameters = 64_000 + 24 + 64
        let assumed = PartitionMemory(report: report, fallbackDtype: nil)
        XCTAssertTrue(assumed.dtypeAssumed)
        XCTAssertEqual(assumed.dtype, "F32")
        XCTAssertEqual(assumed.parameters, 4 * parameters)
        let memory = PartitionMemory(report: report, fallbackDtype: "BF16")
        XCTAssertFalse(memory.dtypeAssumed)
        XCTAssertEqual(memory.parameters, 2 * parameters)
        XCTAssertEqual(memory.adamWFloat32, 8 * parameters)
        XCTAssertEqual(memory.adamWBFloat16, 4 * parameters)
        XCTAssertEqual(memory.adamMini, 4 * (parameters + 1000 + 2 + 1), "embed rows, mlp rows (first dim), one for the norm")
        // torch's Adafactor: a 2-D tensor keeps rows + columns, a 3-D one reduces the last two
        // dims per leading index, a vector keeps every value.
        XCTAssertEqual(memory.adafactor, 4 * ((1000 + 64) + (2 * 3 + 2 * 4) + 64))
        XCTAssertEqual(memory.sgdMomentum, 4 * parameters)
        XCTAssertEqual(memory.entries.map(\.key), ["parameters", "adamw_fp32", "adamw_bf16", "adam_mini", "adafactor", "sgd_momentum"])

        var mixed = report
        mixed.rows[0].dtype = "BF16"
        mixed.rows[1].dtype = "F32"
        XCTAssertEqual(PartitionMemory(report: mixed, fallbackDtype: nil).dtype, "mixed")
    }
}
