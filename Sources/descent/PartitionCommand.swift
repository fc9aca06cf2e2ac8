import ArgumentParser
import Foundation
import OptimizerCore
import Scenarios

/// `descent partition`: what Adam-mini's official partition would do to a model.
struct PartitionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partition",
        abstract: "Show Adam-mini's blocks, optimizer memory and naming pitfalls for a model's tensors.",
        discussion: """
        MODEL is a Hugging Face model folder (its config.json plus model.safetensors or a sharded \
        model.safetensors.index.json), a .safetensors file or an index (only headers are read; a \
        config.json beside it is used), a config.json alone (tensors written out as transformers \
        names them for \(ModelArchitecture.supportedNames)), or a text file with one \
        `name d0xd1x...` per line. Per tensor: the official Adam-mini 1.1.1 rule and the number of \
        second-moment values it keeps; then the totals, each optimizer's memory, and warnings. \
        dim, heads and kv-heads come from config.json; the flags override it.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Argument(help: "A model folder, config.json, .safetensors file, model.safetensors.index.json or names file.")
    var model: String

    @Option(parsing: .unconditional, help: "Model width (hidden_size): the official Adam-mini's dim; head pieces are dim*dim/heads elements. Default: from config.json.")
    var dim: Int?

    @Option(parsing: .unconditional, help: "Number of attention heads (num_attention_heads). Default: from config.json.")
    var heads: Int?

    @Option(name: .customLong("kv-heads"), parsing: .unconditional, help: "Number of key/value heads (num_key_value_heads). Default: from config.json, else --heads.")
    var kvHeads: Int?

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    func validate() throws {
        if let dim, dim <= 0 || dim > 1_000_000 { throw ValidationError("--dim \(dim) is out of range; give 1 to 1000000") }
        if let heads, heads <= 0 || heads > 100_000 { throw ValidationError("--heads \(heads) is out of range; give 1 to 100000") }
        if let kvHeads, kvHeads <= 0 || kvHeads > 100_000 { throw ValidationError("--kv-heads \(kvHeads) is out of range; give 1 to 100000") }
    }

    func run() throws {
        let checkpoint: ModelCheckpoint
        do {
            checkpoint = try ModelCheckpoint.load(path: model)
        } catch {
            throw fail(error)
        }
        let attention = try resolveAttention(checkpoint)
        let report: PartitionReport
        do {
            report = try PartitionReport(inventory: checkpoint.inventory, rules: attention.rules)
        } catch let .headSizeMismatch(name, count, dim, heads) {
            throw fail("\(model): tensor \(name) has \(count) elements, not a whole number of the official head pieces dim*dim/heads = \(dim)*\(dim)/\(heads) = \(dim * dim / heads) (the official Adam-mini fails on it in a view); dim and heads are \(attention.source); check them or set --dim and --heads")
        } catch {
            throw fail("\(model): \(error)")
        }
        let memory = PartitionMemory(report: report, fallbackDtype: checkpoint.config?.dtypeCode)
        let warnings = PartitionWarning.detect(
            report: report, rules: attention.rules, attention: checkpoint.config?.attention,
            tiedEmbeddings: checkpoint.config?.tiesWordEmbeddings)
        let output = PartitionOutput(checkpoint: checkpoint, attention: attention, report: report, memory: memory, warnings: warnings)
        print(format == .table ? output.table() : output.json())
    }
}

/// The dim, heads and kv heads used, and where they came from.
struct ResolvedAttention {
    let rules: AdamMiniNameRules
    /// Whether they were needed (the model has query/key tensors) and so shown.
    let needed: Bool
    /// "from config.json: hidden_size, ..." or "from --dim, --heads".
    let source: String
}

extension PartitionCommand {
    /// Flags first, then config.json; an error naming the flags when neither gives them and the
    /// model has tensors cut per head.
    func resolveAttention(_ checkpoint: ModelCheckpoint) throws -> ResolvedAttention {
        let fromConfig = checkpoint.config?.attention
        let configName = checkpoint.config.map { ($0.file as NSString).lastPathComponent } ?? "config.json"
        let probe = AdamMiniNameRules()
        let queryKey = checkpoint.inventory.tensors.first { probe.rule(for: $0.name) == .perHead && $0.count > 0 }
        guard let dim = dim ?? fromConfig?.dim, let heads = heads ?? fromConfig?.heads else {
            guard let queryKey else {
                // No tensor is cut per head, so the numbers do not depend on dim and heads.
                return ResolvedAttention(rules: AdamMiniNameRules(), needed: false, source: "not used")
            }
            let missing = [dim ?? fromConfig?.dim == nil ? "--dim (the model width, hidden_size)" : nil,
                           heads ?? fromConfig?.heads == nil ? "--heads (num_attention_heads)" : nil].compactMap { $0 }
            let why = checkpoint.config == nil ? "no config.json was given or found beside it" : "\(configName) does not say"
            throw usageFailure("\(model) has query/key tensors (e.g. \(queryKey.name)) that Adam-mini cuts per head, and \(why); give \(missing.joined(separator: " and "))\(kvHeads == nil ? ", and --kv-heads for grouped-query attention" : "")")
        }
        let kv = kvHeads ?? (heads == fromConfig?.heads ? fromConfig?.kvHeads : nil) ?? heads
        let kvOrigin = kvHeads != nil ? "--kv-heads" : (heads == fromConfig?.heads && fromConfig?.kvHeads != nil ? "\(configName)'s num_key_value_heads" : "the head count")
        guard dim * dim % heads == 0 else {
            let valid = Self.headCounts(dividing: dim * dim, near: heads).map(String.init).joined(separator: ", ")
            let headsName = self.heads != nil ? "--heads \(heads)" : "num_attention_heads \(heads) in \(configName)"
            let dimName = self.dim != nil ? "--dim \(dim)" : "hidden_size \(dim) in \(configName)"
            let message = "\(headsName) does not divide \(dimName) into whole head pieces (the official Adam-mini needs dim*dim/heads whole; \(dim)*\(dim)/\(heads) is not); head counts that do, near \(heads): \(valid); set --heads"
            // A flag the user typed is a usage error; values read from the config are a bad file.
            throw self.heads != nil || self.dim != nil ? usageFailure(message) : fail(message)
        }
        guard heads % kv == 0 else {
            let message = "kv heads \(kv) (from \(kvOrigin)) must divide heads \(heads), as in grouped-query attention; set --kv-heads"
            throw kvHeads != nil || self.heads != nil ? usageFailure(message) : fail(message)
        }
        let flagged = [self.dim.map { _ in "--dim" }, self.heads.map { _ in "--heads" }, kvHeads.map { _ in "--kv-heads" }].compactMap { $0 }
        let source = flagged.isEmpty ? "from \(configName): hidden_size, num_attention_heads, \(kvOrigin == "the head count" ? "kv heads = heads" : "num_key_value_heads")"
            : fromConfig == nil ? "from \(flagged.joined(separator: ", "))"
            : "from \(flagged.joined(separator: ", ")) over \(configName)"
        return ResolvedAttention(rules: AdamMiniNameRules(dim: dim, heads: heads, kvHeads: kv), needed: queryKey != nil, source: source)
    }

    /// Prints `descent: message` and ends with the usage-error status 64.
    private func usageFailure(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("descent: \(message)\n".utf8))
        return ExitCode.validationFailure
    }
}
