/// The official Adam-mini 1.1.1 rules that turn a tensor's name and shape into blocks.
///
/// Substring tests on the lower-cased name, first match wins:
/// 1. `bias` -> per coordinate;
/// 2. `k_proj q_proj wq wk query key` -> per head: pieces of dim*dim/n_heads elements
///    (grouped-query keys thereby get n_kv_heads pieces);
/// 3. `embed embd wte lm_head output final_layer v_proj wv value o_proj wo attn.proj
///    feed_forward linear mlp` -> per row (first dimension);
/// 4. anything else -> the whole tensor.
///
/// Weight decay is 0 for names containing `norm`, `ln` or `bias`. Two crashes of the official code
/// become defined behaviour here: a 1-D tensor under rule 3 is one block (the official code raises
/// IndexError), and a query/key tensor whose size is not a multiple of dim*dim/n_heads is a
/// `PartitionError` (the official code fails in a view).
public struct AdamMiniNameRules: Codable, Sendable, Hashable {
    /// The model width used to size attention heads.
    public var dim: Int
    /// Number of attention heads.
    public var heads: Int
    /// Number of key/value heads (grouped-query attention); informational, as in the official code.
    public var kvHeads: Int

    /// Creates the rules with the official defaults: dim 2048, 32 heads, kv heads = heads.
    public init(dim: Int = 2048, heads: Int = 32, kvHeads: Int? = nil) {
        self.dim = dim
        self.heads = heads
        self.kvHeads = kvHeads ?? heads
    }

    /// Substrings that put a tensor under the per-head rule (the official `wqk_names`).
    public static let queryKeyMarkers = ["k_proj", "q_proj", "wq", "wk", "query", "key"]
    /// Substrings that put a tensor under the per-row rule (the official embedding, output,
    /// value, attention-projection and MLP names).
    public static let rowMarkers = ["embed", "embd", "wte", "lm_head", "output", "final_layer",
                             "v_proj", "wv", "value", "o_proj", "wo", "attn.proj",
                             "feed_forward", "linear", "mlp"]
    /// Substrings that turn weight decay off.
    public static let noDecayMarkers = ["norm", "ln", "bias"]

    /// The rule a tensor name falls under.
    public func rule(for name: String) -> AdamMiniRule {
        let n = Array(name.lowercased().utf8)
        if Self.contains(n, Self.biasBytes) { return .perCoordinate }
        if Self.queryKeyBytes.contains(where: { Self.contains(n, $0) }) { return .perHead }
        if Self.rowBytes.contains(where: { Self.contains(n, $0) }) { return .perRow }
        return .wholeTensor
    }

    /// Whether the official code applies weight decay to a tensor of this name.
    public static func decays(_ name: String) -> Bool {
        let n = Array(name.lowercased().utf8)
        return !noDecayBytes.contains(where: { contains(n, $0) })
    }

    // The markers as UTF-8 bytes: Foundation's String.contains dominated partitioning a model of
    // 100k tensors (the markers are ASCII, so a byte search finds exactly the same substrings).
    private static let biasBytes = Array("bias".utf8)
    private static let queryKeyBytes = queryKeyMarkers.map { Array($0.utf8) }
    private static let rowBytes = rowMarkers.map { Array($0.utf8) }
    private static let noDecayBytes = noDecayMarkers.map { Array($0.utf8) }

    /// Whether `marker` occurs in `name`, byte for byte (names are matched after lower-casing).
    public static func occurs(_ marker: String, in name: String) -> Bool {
        contains(Array(name.utf8), Array(marker.utf8))
    }

    /// Whether `needle` occurs in `haystack`.
    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        for start in 0...(haystack.count - needle.count) where haystack[start] == first {
            var offset = 1
            while offset < needle.count, haystack[start + offset] == needle[offset] { offset += 1 }
            if offset == needle.count { return true }
        }
        return false
    }

    /// Elements per attention head block: dim * dim / heads.
    public var headBlockSize: Int { heads > 0 ? dim * dim / heads : 0 }

    /// The block run for one tensor of a layout.
    public func run(for tensor: TensorSpec, index: Int) throws(PartitionError) -> BlockRun {
        let count = tensor.count
        let decays = Self.decays(tensor.name)
        func uniform(_ size: Int) -> BlockRun {
            BlockRun(tensorIndex: index, offset: tensor.offset, blockSize: size, blockCount: count / size, decays: decays)
        }
        switch rule(for: tensor.name) {
        case .perCoordinate:
            return uniform(1)
        case .perHead:
            let size = headBlockSize
            guard size > 0, dim * dim % heads == 0, count % size == 0 else {
                throw .headSizeMismatch(name: tensor.name, count: count, dim: dim, heads: heads)
            }
            return uniform(size)
        case .perRow:
            guard tensor.shape.count >= 2 else { return uniform(count) }
            return uniform(count / tensor.shape[0])
        case .wholeTensor:
            return uniform(count)
        }
    }
}
