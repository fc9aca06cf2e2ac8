/// The tensor names and shapes `save_pretrained` writes for each supported class: tied weights
/// once, GPT-2's Conv1D weights as [in, out], in the model's own (state_dict) order.
extension ModelArchitecture {
    /// The most layers a config alone is written out with. A deeper config is far more likely a
    /// typo than a model, and each layer costs a dozen tensors of name matching; a real deeper
    /// checkpoint is read from its safetensors index, which lists its tensors.
    static let maximumLayers = 1_024

    /// The tensors of a model of this class built from `config`.
    func tensors(config: ModelConfig) throws(ModelInventoryError) -> ModelInventory {
        var list = TensorListBuilder(file: config.file, dtype: config.dtypeCode)
        func need(_ key: String, _ alternative: String? = nil, positive: Bool = true) throws(ModelInventoryError) -> Int {
            guard let value = config.integer(key) ?? alternative.flatMap(config.integer) else {
                throw ModelInventoryError(file: config.file, message: "has no \(key); \(rawValue) needs it to shape its tensors")
            }
            guard !positive || value > 0 else {
                throw ModelInventoryError(file: config.file, message: "key \(key) is 0; \(rawValue) needs at least 1")
            }
            return value
        }
        func layers(_ key: String) throws(ModelInventoryError) -> Int {
            let value = try need(key, positive: false)
            guard (0...Self.maximumLayers).contains(value) else {
                throw ModelInventoryError(file: config.file, message: """
                    key \(key) is \(value); a config alone is written out with 0 to \(Self.maximumLayers) layers \
                    (for a deeper model, give its model.safetensors.index.json)
                    """)
            }
            return value
        }
        for key in ["add_cross_attention", "is_decoder"] where config.flag(key) && (self == .gpt2 || self == .bertMaskedLM || self == .bertModel) {
            throw ModelInventoryError(file: config.file, message: "sets \(key); descent writes out \(rawValue) without cross-attention only (give the checkpoint's .safetensors instead)")
        }
        switch self {
        case .llama, .mistral, .qwen2, .qwen3, .gemma:
            try decoder(&list, vocab: need("vocab_size"), hidden: need("hidden_size"), intermediate: need("intermediate_size"),
                        layers: layers("num_hidden_layers"), config: config)
        case .gpt2:
            let width = try need("n_embd")
            try gpt2(&list, vocab: need("vocab_size"), width: width, positions: need("n_positions"),
                     inner: config.integer("n_inner") ?? 4 * width, layers: layers("n_layer"), config: config)
        case .bertMaskedLM, .bertModel:
            try bert(&list, vocab: need("vocab_size"), hidden: need("hidden_size"), intermediate: need("intermediate_size"),
                     layers: layers("num_hidden_layers"), positions: need("max_position_embeddings"),
                     types: need("type_vocab_size", positive: false), config: config)
        }
        return ModelInventory(tensors: list.tensors)
    }

    /// Llama, Mistral, Qwen2, Qwen3 and Gemma: the same skeleton, differing in biases, head width
    /// and Qwen3's per-head q/k norms.
    private func decoder(_ list: inout TensorListBuilder, vocab: Int, hidden: Int, intermediate: Int, layers: Int,
                         config: ModelConfig) throws(ModelInventoryError) {
        let geometry = config.attention
        guard let heads = geometry.heads, heads > 0, let kvHeads = geometry.kvHeads, kvHeads > 0,
              let headDim = geometry.headDim, headDim > 0 else {
            throw ModelInventoryError(file: config.file, message: "needs num_attention_heads, num_key_value_heads and head_dim (or hidden_size divisible by the heads) of at least 1")
        }
        let attentionBias = self == .mistral ? false : config.flag("attention_bias")
        let qkvBias = self == .qwen2 || attentionBias
        let outputBias = self == .qwen2 ? false : attentionBias
        let mlpBias = self == .llama && config.flag("mlp_bias")
        try list.add("model.embed_tokens.weight", [vocab, hidden])
        for layer in 0..<layers {
            let attention = "model.layers.\(layer).self_attn."
            try list.linear(attention + "q_proj", out: heads * headDim, in: hidden, bias: qkvBias)
            try list.linear(attention + "k_proj", out: kvHeads * headDim, in: hidden, bias: qkvBias)
            try list.linear(attention + "v_proj", out: kvHeads * headDim, in: hidden, bias: qkvBias)
            try list.linear(attention + "o_proj", out: hidden, in: heads * headDim, bias: outputBias)
            if self == .qwen3 {
                try list.add(attention + "q_norm.weight", [headDim])
                try list.add(attention + "k_norm.weight", [headDim])
            }
            let mlp = "model.layers.\(layer).mlp."
            try list.linear(mlp + "gate_proj", out: intermediate, in: hidden, bias: mlpBias)
            try list.linear(mlp + "up_proj", out: intermediate, in: hidden, bias: mlpBias)
            try list.linear(mlp + "down_proj", out: hidden, in: intermediate, bias: mlpBias)
            try list.add("model.layers.\(layer).input_layernorm.weight", [hidden])
            try list.add("model.layers.\(layer).post_attention_layernorm.weight", [hidden])
        }
        try list.add("model.norm.weight", [hidden])
        if !config.flag("tie_word_embeddings") { try list.add("lm_head.weight", [vocab, hidden]) }
    }

    /// GPT-2: Conv1D layers store their weight as [in, out]; c_attn is the fused q, k, v.
    private func gpt2(_ list: inout TensorListBuilder, vocab: Int, width: Int, positions: Int, inner: Int, layers: Int,
                      config: ModelConfig) throws(ModelInventoryError) {
        try list.add("transformer.wte.weight", [vocab, width])
        try list.add("transformer.wpe.weight", [positions, width])
        for layer in 0..<layers {
            let block = "transformer.h.\(layer)."
            try list.norm(block + "ln_1", width)
            try list.conv1D(block + "attn.c_attn", in: width, out: 3 * width)
            try list.conv1D(block + "attn.c_proj", in: width, out: width)
            try list.norm(block + "ln_2", width)
            try list.conv1D(block + "mlp.c_fc", in: width, out: inner)
            try list.conv1D(block + "mlp.c_proj", in: inner, out: width)
        }
        try list.norm("transformer.ln_f", width)
        if !config.flag("tie_word_embeddings") { try list.add("lm_head.weight", [vocab, width]) }
    }

    /// BERT: `BertModel` (with its pooler) or `BertForMaskedLM` (prefixed `bert.`, no pooler, a
    /// prediction head whose decoder is tied to the word embeddings by default).
    private func bert(_ list: inout TensorListBuilder, vocab: Int, hidden: Int, intermediate: Int, layers: Int, positions: Int,
                      types: Int, config: ModelConfig) throws(ModelInventoryError) {
        let prefix = self == .bertMaskedLM ? "bert." : ""
        try list.add(prefix + "embeddings.word_embeddings.weight", [vocab, hidden])
        try list.add(prefix + "embeddings.position_embeddings.weight", [positions, hidden])
        try list.add(prefix + "embeddings.token_type_embeddings.weight", [types, hidden])
        try list.norm(prefix + "embeddings.LayerNorm", hidden)
        for layer in 0..<layers {
            let block = prefix + "encoder.layer.\(layer)."
            try list.linear(block + "attention.self.query", out: hidden, in: hidden, bias: true)
            try list.linear(block + "attention.self.key", out: hidden, in: hidden, bias: true)
            try list.linear(block + "attention.self.value", out: hidden, in: hidden, bias: true)
            try list.linear(block + "attention.output.dense", out: hidden, in: hidden, bias: true)
            try list.norm(block + "attention.output.LayerNorm", hidden)
            try list.linear(block + "intermediate.dense", out: intermediate, in: hidden, bias: true)
            try list.linear(block + "output.dense", out: hidden, in: intermediate, bias: true)
            try list.norm(block + "output.LayerNorm", hidden)
        }
        if self == .bertModel {
            try list.linear("pooler.dense", out: hidden, in: hidden, bias: true)
            return
        }
        try list.add("cls.predictions.bias", [vocab])
        try list.linear("cls.predictions.transform.dense", out: hidden, in: hidden, bias: true)
        try list.norm("cls.predictions.transform.LayerNorm", hidden)
        if !config.flag("tie_word_embeddings") {
            try list.add("cls.predictions.decoder.weight", [vocab, hidden])
            try list.add("cls.predictions.decoder.bias", [vocab])
        }
    }
}

/// Collects synthesised tensors, keeping every shape and the whole model within the limits the
/// file readers enforce, so a config with absurd sizes is an error, never an overflow.
struct TensorListBuilder {
    let file: String
    let dtype: String?
    private(set) var tensors: [ModelInventory.Tensor] = []
    private var total = 0

    init(file: String, dtype: String?) {
        self.file = file
        self.dtype = dtype
    }

    mutating func add(_ name: String, _ shape: [Int]) throws(ModelInventoryError) {
        guard tensors.count < ModelInventory.maximumTensors else {
            throw ModelInventoryError(file: file, message: "describes more than \(ModelInventory.maximumTensors) tensors; check num_hidden_layers")
        }
        var count = 1
        for d in shape {
            let (next, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow, next <= NamesFile.maximumElements else {
                throw ModelInventoryError(file: file, message: "makes \(name) larger than 2^48 elements; check its sizes")
            }
            count = next
        }
        total += count
        guard total <= NamesFile.maximumElements else {
            throw ModelInventoryError(file: file, message: "describes a model of more than 2^48 parameters; check its sizes")
        }
        tensors.append(ModelInventory.Tensor(name: name, shape: shape, dtype: dtype))
    }

    /// An nn.Linear: weight [out, in], then its bias.
    mutating func linear(_ name: String, out: Int, in inputs: Int, bias: Bool) throws(ModelInventoryError) {
        try add(name + ".weight", [out, inputs])
        if bias { try add(name + ".bias", [out]) }
    }

    /// A GPT-2 Conv1D: weight [in, out] and bias.
    mutating func conv1D(_ name: String, in inputs: Int, out: Int) throws(ModelInventoryError) {
        try add(name + ".weight", [inputs, out])
        try add(name + ".bias", [out])
    }

    /// A LayerNorm: weight, then bias.
    mutating func norm(_ name: String, _ width: Int) throws(ModelInventoryError) {
        try add(name + ".weight", [width])
        try add(name + ".bias", [width])
    }
}
