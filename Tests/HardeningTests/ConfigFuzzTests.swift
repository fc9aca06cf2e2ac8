import Foundation
import OptimizerCore
import Scenarios
import XCTest

/// config.json synthesis: generated configs give the tensors of their class, the same whatever
/// the key order and formatting; mutated and absurd ones end in those tensors or in an error
/// naming the file.
final class ConfigFuzzTests: XCTestCase {
    /// A random config of a supported class, as key-value pairs in the order a file would list them.
    static func randomConfig(_ random: inout Mutator) -> [(key: String, value: Any)] {
        let architecture = random.pick(ModelArchitecture.allCases)
        let heads = 1 + random.below(8)
        let headDim = 1 + random.below(8)
        var pairs: [(key: String, value: Any)] = [
            ("architectures", [architecture.rawValue]),
            ("vocab_size", 1 + random.below(300)),
            ("intermediate_size", 1 + random.below(64)),
            ("num_hidden_layers", random.below(4)),
        ]
        if architecture == .gpt2 {
            pairs += [("n_embd", heads * headDim), ("n_head", heads), ("n_layer", random.below(4)), ("n_positions", 1 + random.below(64))]
        } else {
            pairs += [("hidden_size", heads * headDim), ("num_attention_heads", heads), ("max_position_embeddings", 1 + random.below(64))]
        }
        if random.below(2) == 0 { pairs.append(("num_key_value_heads", random.pick((1...heads).filter { heads % $0 == 0 }))) }
        // Qwen3 and Gemma default head_dim to 128 and 256, whatever the width.
        if random.below(2) == 0 || architecture == .qwen3 || architecture == .gemma { pairs.append(("head_dim", headDim)) }
        if random.below(2) == 0 { pairs.append(("tie_word_embeddings", random.below(2) == 0)) }
        if random.below(3) == 0 { pairs.append(("attention_bias", random.below(2) == 0)) }
        if random.below(3) == 0 { pairs.append((random.pick(["dtype", "torch_dtype"]), random.pick(["bfloat16", "float32", "float16"]))) }
        if random.below(3) == 0 { pairs.append(("model_type", "anything")) }
        if random.below(3) == 0 { pairs.append(("rope_scaling", ["factor": 8.0, "type": "llama3"])) }
        return pairs
    }

    /// JSON text of the pairs in their order; `pretty` spreads it over lines.
    static func json(_ pairs: [(key: String, value: Any)], pretty: Bool = false) -> String {
        let separator = pretty ? ",\n  " : ","
        let body = pairs.map { pair -> String in
            let value = try! JSONSerialization.data(withJSONObject: pair.value, options: [.fragmentsAllowed, .sortedKeys])
            return "\"\(pair.key)\":\(pretty ? " " : "")\(String(decoding: value, as: UTF8.self))"
        }.joined(separator: separator)
        return pretty ? "{\n  \(body)\n}\n" : "{\(body)}"
    }

    private func load(_ text: [UInt8], in files: ModelFiles, file: StaticString = #filePath, line: UInt = #line) -> ModelCheckpoint? {
        let path = try! files.write(text, to: "config.json")
        do {
            let checkpoint = try ModelCheckpoint.load(path: path)
            if let broken = brokenInventoryPromise(checkpoint.inventory) { XCTFail(broken, file: file, line: line) }
            guard case .config(path, _) = checkpoint.origin else {
                XCTFail("a config read as \(checkpoint.origin)", file: file, line: line)
                return nil
            }
            let attention = checkpoint.config?.attention
            XCTAssertTrue(attention?.heads != 0 && attention?.kvHeads != 0, "head count 0 passed: \(String(describing: attention))", file: file, line: line)
            return checkpoint
        } catch {
            XCTAssertEqual(error.file, path, file: file, line: line)
            XCTAssertGreaterThan(error.message.count, 10, file: file, line: line)
            return nil
        }
    }

    func testSynthesisedTensorListIsStable() throws {
        let files = try ModelFiles()
        defer { files.remove() }
        var random = Mutator(seed: 0xC0F1, dictionary: [""])
        for _ in 0..<150 {
            var pairs = Self.randomConfig(&random)
            let first = try XCTUnwrap(load(Array(Self.json(pairs).utf8), in: files), Self.json(pairs))
            XCTAssertNil(brokenInventoryPromise(first.inventory))
            // Same config again, keys shuffled, pretty-printed, with keys descent does not read.
            XCTAssertEqual(load(Array(Self.json(pairs).utf8), in: files)?.inventory, first.inventory, "a second read differs")
            for index in pairs.indices.reversed() { pairs.swapAt(index, random.below(index + 1)) }
            pairs.insert(("transformers_version", "5.0.0"), at: random.below(pairs.count + 1))
            let reordered = Self.json(pairs, pretty: random.below(2) == 0)
            XCTAssertEqual(load(Array(reordered.utf8), in: files)?.inventory, first.inventory, "key order or formatting changed the tensors: \(reordered)")
        }
    }

    func testSynthesisedTensorsPartitionAsTheOfficialRulesSay() throws {
        let files = try ModelFiles()
        defer { files.remove() }
        var random = Mutator(seed: 0xADA, dictionary: [""])
        for _ in 0..<100 {
            let pairs = Self.randomConfig(&random)
            let checkpoint = try XCTUnwrap(load(Array(Self.json(pairs).utf8), in: files))
            let attention = try XCTUnwrap(checkpoint.config?.attention)
            let rules = AdamMiniNameRules(dim: try XCTUnwrap(attention.dim), heads: try XCTUnwrap(attention.heads), kvHeads: attention.kvHeads)
            let report = try PartitionReport(inventory: checkpoint.inventory, rules: rules)
            XCTAssertEqual(report.parameters, checkpoint.inventory.tensors.reduce(0) { $0 + $1.count })
            XCTAssertLessThanOrEqual(report.adamMiniState, report.adamWState)
        }
    }

    func testMutatedConfigsEndInTensorsOrAnError() throws {
        let files = try ModelFiles()
        defer { files.remove() }
        var random = Mutator(seed: 0xF00D, dictionary: [
            "{", "}", "[", "]", "\"", ",", ":", "null", "true", "false", "0", "-1", "1e300", "2147483648", "9223372036854775808",
            "1.5", "\"architectures\"", "\"LlamaForCausalLM\"", "\"GPT2LMHeadModel\"", "\"BertModel\"", "\"num_attention_heads\"",
            "\"num_key_value_heads\"", "\"head_dim\"", "\"num_hidden_layers\"", "\"hidden_size\"", "\"n_inner\"", "\"is_decoder\"",
            "\"dtype\"", "\"bfloat16\"", "\\u0000", "\u{FEFF}",
        ])
        var synthesised = 0
        for _ in 0..<500 {
            let bytes = random.mutate(Array(Self.json(Self.randomConfig(&random)).utf8), rounds: 4)
            if load(bytes, in: files) != nil { synthesised += 1 }
        }
        XCTAssertGreaterThan(synthesised, 30, "mutations should leave some configs valid")
    }

    func testAbsurdConfigsAreRefusedByName() throws {
        let files = try ModelFiles()
        defer { files.remove() }
        let llama = "\"architectures\": [\"LlamaForCausalLM\"], \"vocab_size\": 10, \"hidden_size\": 8, \"intermediate_size\": 8"
        let heads = "\"num_attention_heads\": 2"
        let cases: [(String, String)] = [
            ("{\(llama), \"num_attention_heads\": 0}", "key num_attention_heads is 0"),
            ("{\(llama), \"num_attention_heads\": 2, \"num_key_value_heads\": 0}", "key num_key_value_heads is 0"),
            ("{\(llama), \"head_dim\": 0}", "key head_dim is 0"),
            ("{\"architectures\": [\"GPT2LMHeadModel\"], \"n_head\": 0}", "key n_head is 0"),
            ("{\(llama), \(heads), \"num_hidden_layers\": 2147483648}", "a config alone is written out with 0 to 1024 layers"),
            ("{\(llama), \(heads), \"num_hidden_layers\": 1, \"vocab_size\": 2147483648, \"hidden_size\": 2147483648}", "larger than 2^48"),
            ("{\(llama), \"num_hidden_layers\": 1e300}", "expected a whole number"),
            ("{\(llama), \"num_hidden_layers\": -1}", "expected a whole number"),
            ("{\(llama), \"num_hidden_layers\": 1.5}", "expected a whole number"),
            ("{\(llama), \"tie_word_embeddings\": 1}", "expected true or false"),
            ("{\"architectures\": \"LlamaForCausalLM\"}", "list of class names"),
            ("{\"architectures\": [\"T5ForConditionalGeneration\"]}", "lists architectures T5ForConditionalGeneration"),
            (String(repeating: "[", count: 100_000), "nested more than"),
            ("[1, 2]", "not an object"),
            ("{\"a\": 1", "not valid JSON"),
            ("", "not valid JSON"),
        ]
        for (json, fragment) in cases {
            let path = try files.write(Array(json.utf8), to: "config.json")
            XCTAssertThrowsError(try ModelCheckpoint.load(path: path), String(json.prefix(80))) { error in
                XCTAssertTrue("\(error)".hasPrefix(path) && "\(error)".contains(fragment), "'\(error)' lacks '\(fragment)'")
            }
        }
    }

    func testHundredMegabyteConfigIsRefusedWithoutReadingIt() throws {
        let files = try ModelFiles()
        defer { files.remove() }
        let path = try files.write(Array("{\"architectures\": [\"LlamaForCausalLM\"], \"pad\": \"".utf8), to: "config.json")
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 100_000_000)  // the rest is a hole: 100 MB on paper, no disk
        try handle.close()
        XCTAssertThrowsError(try ModelCheckpoint.load(path: path)) { error in
            XCTAssertTrue("\(error)".contains("is over 33554432 bytes"), "\(error)")
        }
    }
}
