/// The `transformers` model classes whose tensors descent writes out from a `config.json` alone,
/// with the defaults their config classes use for keys a file leaves out.
public enum ModelArchitecture: String, CaseIterable, Sendable {
    case llama = "LlamaForCausalLM"
    case mistral = "MistralForCausalLM"
    case qwen2 = "Qwen2ForCausalLM"
    case qwen3 = "Qwen3ForCausalLM"
    case gemma = "GemmaForCausalLM"
    case gpt2 = "GPT2LMHeadModel"
    case bertMaskedLM = "BertForMaskedLM"
    case bertModel = "BertModel"

    /// The class names, for error messages.
    public static var supportedNames: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The first supported class a config lists.
    public init?(config: ModelConfig) {
        guard let found = config.architectures.lazy.compactMap(ModelArchitecture.init(rawValue:)).first else { return nil }
        self = found
    }

    /// Integer defaults of the config class (transformers 5), for keys a config.json omits.
    var integerDefaults: [String: Int] {
        switch self {
        case .llama:
            ["vocab_size": 32000, "hidden_size": 4096, "intermediate_size": 11008, "num_hidden_layers": 32, "num_attention_heads": 32]
        case .mistral:
            ["vocab_size": 32000, "hidden_size": 4096, "intermediate_size": 14336, "num_hidden_layers": 32, "num_attention_heads": 32,
             "num_key_value_heads": 8]
        case .qwen2:
            ["vocab_size": 151936, "hidden_size": 4096, "intermediate_size": 22016, "num_hidden_layers": 32, "num_attention_heads": 32,
             "num_key_value_heads": 32]
        case .qwen3:
            ["vocab_size": 151936, "hidden_size": 4096, "intermediate_size": 22016, "num_hidden_layers": 32, "num_attention_heads": 32,
             "num_key_value_heads": 32, "head_dim": 128]
        case .gemma:
            ["vocab_size": 256000, "hidden_size": 3072, "intermediate_size": 24576, "num_hidden_layers": 28, "num_attention_heads": 16,
             "num_key_value_heads": 16, "head_dim": 256]
        case .gpt2:
            ["vocab_size": 50257, "n_embd": 768, "n_layer": 12, "n_head": 12, "n_positions": 1024]
        case .bertMaskedLM, .bertModel:
            ["vocab_size": 30522, "hidden_size": 768, "intermediate_size": 3072, "num_hidden_layers": 12, "num_attention_heads": 12,
             "max_position_embeddings": 512, "type_vocab_size": 2]
        }
    }

    /// Boolean defaults of the config class.
    var flagDefaults: [String: Bool] {
        switch self {
        case .llama, .mistral, .qwen2, .qwen3:
            ["tie_word_embeddings": false, "attention_bias": false, "mlp_bias": false]
        case .gemma, .gpt2, .bertMaskedLM, .bertModel:
            ["tie_word_embeddings": true, "attention_bias": false, "mlp_bias": false]
        }
    }
}
