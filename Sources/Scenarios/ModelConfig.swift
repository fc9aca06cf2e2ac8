import Foundation

/// What descent reads from a Hugging Face `config.json`: the classes in `architectures`, the
/// integer sizes and boolean switches that shape the tensors, and the stored dtype.
public struct ModelConfig: Sendable, Equatable {
    /// The file as the user named it (or as found beside the checkpoint).
    public var file: String
    /// The model classes listed in `architectures`, e.g. `LlamaForCausalLM`.
    public var architectures: [String]
    /// `model_type`, e.g. `llama`.
    public var modelType: String?
    /// Integer settings written in the file.
    public var integers: [String: Int]
    /// Integer keys written as null (transformers then derives them, e.g. kv heads = heads).
    public var nullKeys: Set<String>
    /// Boolean settings written in the file.
    public var flags: [String: Bool]
    /// `dtype`, or the older `torch_dtype`: how the checkpoint's parameters are stored.
    public var dtype: String?

    /// Integer keys descent reads; others are ignored.
    static let integerKeys = [
        "vocab_size", "hidden_size", "n_embd", "intermediate_size", "n_inner", "num_hidden_layers", "n_layer",
        "num_attention_heads", "n_head", "num_key_value_heads", "head_dim", "n_positions",
        "max_position_embeddings", "type_vocab_size",
    ]
    /// Integer keys that divide others (heads, head width): 0 would be a division by zero, in
    /// descent and in transformers alike.
    static let positiveIntegerKeys: Set = ["num_attention_heads", "n_head", "num_key_value_heads", "head_dim"]
    /// Boolean keys descent reads.
    static let flagKeys = ["tie_word_embeddings", "attention_bias", "mlp_bias", "add_cross_attention", "is_decoder"]
    /// Largest integer setting accepted: far above any real model's, small enough that shape
    /// products are checked rather than overflowing.
    static let maximumInteger = 1 << 31

    /// Reads `config.json` at `path`.
    public static func load(path: String) throws(ModelInventoryError) -> ModelConfig {
        try ModelConfig(object: ModelJSONFile.object(at: path), file: path)
    }

    /// Reads an already parsed config object.
    init(object: [String: Any], file: String) throws(ModelInventoryError) {
        func fail(_ message: String) -> ModelInventoryError { ModelInventoryError(file: file, message: message) }
        self.file = file
        switch object["architectures"] {
        case nil, is NSNull: architectures = []
        case let list as [Any]:
            guard let names = list as? [String] else { throw fail("key architectures must be a list of class names, e.g. [\"LlamaForCausalLM\"]") }
            architectures = names
        default: throw fail("key architectures must be a list of class names, e.g. [\"LlamaForCausalLM\"]")
        }
        modelType = object["model_type"] as? String
        integers = [:]
        nullKeys = []
        for key in Self.integerKeys {
            guard let value = object[key] else { continue }
            if value is NSNull {
                nullKeys.insert(key)
                continue
            }
            guard let number = value as? NSNumber, !Self.isBoolean(number), number.doubleValue >= 0,
                  number.doubleValue <= Double(Self.maximumInteger), number.doubleValue == number.doubleValue.rounded() else {
                throw fail("key \(key) is \(Self.describe(value)); expected a whole number from 0 to \(Self.maximumInteger)")
            }
            guard number.intValue > 0 || !Self.positiveIntegerKeys.contains(key) else {
                throw fail("key \(key) is 0; a head count or head width must be a whole number of at least 1 (up to \(Self.maximumInteger))")
            }
            integers[key] = number.intValue
        }
        flags = [:]
        for key in Self.flagKeys {
            guard let value = object[key], !(value is NSNull) else { continue }
            guard let number = value as? NSNumber, Self.isBoolean(number) else {
                throw fail("key \(key) is \(Self.describe(value)); expected true or false")
            }
            flags[key] = number.boolValue
        }
        dtype = nil
        for key in ["dtype", "torch_dtype"] {
            guard let value = object[key], !(value is NSNull) else { continue }
            guard let text = value as? String, Self.dtypeCodes[text] != nil else {
                throw fail("key \(key) is \(Self.describe(value)); expected one of \(Self.dtypeCodes.keys.sorted().joined(separator: ", "))")
            }
            dtype = dtype ?? text
        }
    }

    /// torch dtype names and the safetensors codes they are stored as.
    static let dtypeCodes = [
        "float32": "F32", "float": "F32", "float16": "F16", "half": "F16", "bfloat16": "BF16",
        "float64": "F64", "double": "F64", "float8_e4m3fn": "F8_E4M3", "float8_e5m2": "F8_E5M2",
        "int8": "I8", "uint8": "U8",
    ]

    /// The safetensors dtype code of `dtype` (`bfloat16` -> `BF16`).
    public var dtypeCode: String? { dtype.flatMap { Self.dtypeCodes[$0] } }

    /// JSON true/false arrive as NSNumber too; Foundation marks them with the `char` type code.
    private static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    private static func describe(_ value: Any) -> String {
        switch value {
        case let text as String: return "\"\(text.prefix(40))\""
        case let number as NSNumber: return isBoolean(number) ? (number.boolValue ? "true" : "false") : number.stringValue
        case is [Any]: return "a list"
        case is [String: Any]: return "an object"
        default: return "\(value)"
        }
    }
}
