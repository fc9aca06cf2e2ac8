import OptimizerCore

/// Something about a model that makes Adam-mini's official partition misfire or surprise: the
/// pitfalls its users report, each stated once with the tensors involved and what to do.
public struct PartitionWarning: Sendable, Equatable {
    /// The kinds of warning, with the keys `--format json` prints.
    public enum Kind: String, CaseIterable, Sendable {
        /// No tensor matched a query/key name: no per-head blocks at all.
        case noQueryKey = "no_query_key"
        /// Fused q/k/v projections, which the per-head rule cannot see into.
        case fusedQKV = "fused_qkv"
        /// head_dim × heads ≠ hidden size: the official head pieces do not follow the heads.
        case headDimMismatch = "head_dim_mismatch"
        /// No separate output head: the output layer shares the embedding's weights.
        case tiedEmbeddings = "tied_embeddings"
        /// A large tensor left to the whole-tensor rule (one value for all its elements).
        case largeWholeTensor = "large_whole_tensor"
        /// A name that matched a rule only because a marker appears inside another word.
        case substringAccident = "substring_accident"
        /// A 1-D tensor under the row rule, on which the official step raises IndexError.
        case vectorUnderRowRule = "vector_under_row_rule"
    }

    /// The kind.
    public var kind: Kind
    /// The tensors involved (empty when the point is that there are none).
    public var tensors: [String]
    /// What happens and what to do.
    public var message: String

    /// Elements above which the whole-tensor rule is worth a warning.
    public static let largeTensorElements = 1_000_000
    /// Names of fused query/key/value projections in common model families.
    static let fusedMarkers = ["in_proj_weight", "c_attn", "query_key_value", "wqkv", "qkv_proj"]
    /// The official `output_names`: a real output head matches one of them as a word.
    static let outputMarkers = ["lm_head", "output", "final_layer"]

    /// The warnings for a report, in kind order. `attention` and `tiedEmbeddings` come from the
    /// model's config when there is one.
    public static func detect(report: PartitionReport, rules: AdamMiniNameRules,
                              attention: AttentionGeometry?, tiedEmbeddings: Bool?) -> [PartitionWarning] {
        var warnings: [PartitionWarning] = []
        let rows = report.rows.filter { $0.count > 0 }
        let headRows = rows.filter { $0.rule == .perHead }

        if headRows.isEmpty {
            let attentionLike = rows.filter { row in
                let n = row.name.lowercased()
                return row.shape.count >= 2 && (AdamMiniNameRules.occurs("attn", in: n) || AdamMiniNameRules.occurs("attention", in: n))
            }
            warnings.append(PartitionWarning(kind: .noQueryKey, tensors: attentionLike.map(\.name), message: """
                no query or key tensor found (no name contains \(list(AdamMiniNameRules.queryKeyMarkers))), so no tensor gets \
                per-head blocks; this is the official code's "found 0 Querys and Keys". Attention weights fall to the row or \
                whole-tensor rule\(attentionLike.isEmpty ? "" : " (\(attentionLike.count) attention tensors here)"). If the model \
                has query and key projections under other names, add a word of their names to the official optimizer's \
                wqk_names (optimizer.wqk_names.add("...")).
                """))
        }

        let fused = rows.filter { row in
            let n = row.name.lowercased()
            return !AdamMiniNameRules.occurs("bias", in: n) && fusedMarkers.contains { AdamMiniNameRules.occurs($0, in: n) }
        }
        if !fused.isEmpty {
            let cuts = Set(fused.map(\.rule)).sorted { $0.rawValue < $1.rawValue }.map { rule in
                switch rule {
                case .perHead: "pieces of dim*dim/heads running across q, k and v"
                case .perRow: "one block per row"
                case .wholeTensor: "one block for the whole tensor"
                case .perCoordinate: "one block per coordinate"
                }
            }.joined(separator: " or ")
            warnings.append(PartitionWarning(kind: .fusedQKV, tensors: fused.map(\.name), message: """
                \(fused.count) fused query/key/value projection\(fused.count == 1 ? "" : "s") (e.g. \(fused[0].name)): Adam-mini \
                cannot see the heads inside a fused tensor and gives \(fused.count == 1 ? "it" : "them") \(cuts), not one block \
                per query/key head. To get per-head blocks, train a model with separate \
                q_proj/k_proj/v_proj tensors, or accept the coarser blocks.
                """))
        }

        if let attention, let dim = attention.dim, let heads = attention.heads, let headDim = attention.headDim,
           heads > 0, headDim * heads != dim {
            let kvHeads = attention.kvHeads ?? heads
            let query = headRows.first { row in ["q_proj", "wq", "query"].contains { AdamMiniNameRules.occurs($0, in: row.name.lowercased()) } }
            let key = headRows.first { row in ["k_proj", "wk", "key"].contains { AdamMiniNameRules.occurs($0, in: row.name.lowercased()) } }
            var pieces: [String] = []
            if let query { pieces.append("\(query.name) (\(query.count) elements) makes \(query.blocks) blocks for \(heads) heads") }
            if let key { pieces.append("\(key.name) makes \(key.blocks) for \(kvHeads) kv heads") }
            let detail = pieces.isEmpty ? "there are \(heads) heads" : pieces.joined(separator: " and ")
            warnings.append(PartitionWarning(kind: .headDimMismatch, tensors: headRows.map(\.name), message: """
                head_dim × heads = \(headDim) × \(heads) = \(headDim * heads) ≠ hidden size \(dim): the official per-head view cuts \
                query/key tensors into pieces of dim × dim / n_heads = \(rules.headBlockSize) elements, not into heads of \
                head_dim × hidden = \(headDim * dim); \(detail), so its blocks do not follow the heads. The official code has no \
                head_dim setting; the counts here are what it does.
                """))
        }

        let hasOutputHead = rows.contains { row in
            let n = row.name.lowercased()
            return outputMarkers.contains { marker in NameMarkers.wordMatch(marker, in: n) }
        }
        let embeddings = rows.filter { row in
            row.shape.count >= 2 && ["embed", "embd", "wte"].contains { AdamMiniNameRules.occurs($0, in: row.name.lowercased()) }
        }
        // Without a config, only a model with an embedding and no output head is taken as tied.
        if !hasOutputHead, tiedEmbeddings ?? !embeddings.isEmpty {
            warnings.append(PartitionWarning(kind: .tiedEmbeddings, tensors: embeddings.map(\.name), message: """
                no separate output head\(tiedEmbeddings == true ? " (tie_word_embeddings: the output layer shares the embedding's weights)" : ""): \
                this is fine, as the official README says (its "No output layer found" warning, printed when no name contains \
                lm_head, output or final_layer, can then be ignored); the shared matrix gets one block per token from the \
                embedding rule.
                """))
        }

        let large = rows.filter { $0.rule == .wholeTensor && $0.count > largeTensorElements }
        if !large.isEmpty {
            warnings.append(PartitionWarning(kind: .largeWholeTensor, tensors: large.map(\.name), message: """
                \(large.count) tensor\(large.count == 1 ? "" : "s") over \(largeTensorElements) elements (e.g. \(large[0].name), \
                \(large[0].count) elements) fall\(large.count == 1 ? "s" : "") to the whole-tensor rule: one second moment for the \
                whole tensor, the default PyTorch partition that the official code warns "can cause training instability on \
                large-scale Transformers". Add a word of \(large.count == 1 ? "its name" : "their names") to the official optimizer's \
                mlp_names or wv_names (e.g. optimizer.mlp_names.add("...")) to get one block per row.
                """))
        }

        let accidents = rows.compactMap { row in NameMarkers.accident(in: row.name).map { (name: row.name, reason: $0) } }
        if !accidents.isEmpty {
            var reasons: [String] = []
            for accident in accidents where !reasons.contains(accident.reason) { reasons.append(accident.reason) }
            let examples = reasons.prefix(4).map { reason in
                let hits = accidents.filter { $0.reason == reason }
                return "\(reason) (\(hits.count == 1 ? hits[0].name : "\(hits.count) tensors, e.g. \(hits[0].name)"))"
            }.joined(separator: "; ")
            warnings.append(PartitionWarning(kind: .substringAccident, tensors: accidents.map(\.name), message: """
                \(accidents.count) name\(accidents.count == 1 ? "" : "s") matched an official rule only by substring accident: \
                \(examples)\(reasons.count > 4 ? "; ..." : ""). The official code matches substrings anywhere in the name, so \
                these tensors get the rule or weight decay of an unrelated marker. The counts here are what it does; to change \
                them, rename the modules or train those tensors in a separate optimizer.
                """))
        }

        let vectors = rows.filter { $0.rule == .perRow && $0.shape.count < 2 }
        if !vectors.isEmpty {
            warnings.append(PartitionWarning(kind: .vectorUnderRowRule, tensors: vectors.map(\.name), message: """
                \(vectors.count) 1-D tensor\(vectors.count == 1 ? "" : "s") (e.g. \(vectors[0].name)) fall\(vectors.count == 1 ? "s" : "") \
                under the row rule because a row marker appears in the name; the official 1.1.1 step raises IndexError ("too many \
                indices for tensor of dimension 1") on \(vectors.count == 1 ? "it" : "them"). descent counts one block each; to train \
                with the official code, give these tensors to a separate optimizer.
                """))
        }
        return warnings
    }

    private static func list(_ markers: [String]) -> String {
        markers.joined(separator: ", ")
    }
}
