import Foundation
import OptimizerCore
import Scenarios

/// `descent partition`'s report as a table or as JSON.
struct PartitionOutput {
    let checkpoint: ModelCheckpoint
    let attention: ResolvedAttention
    let report: PartitionReport
    let memory: PartitionMemory
    let warnings: [PartitionWarning]

    /// Where the tensors came from, in words.
    var source: String {
        switch checkpoint.origin {
        case .safetensors(let path): "\(path) (header)"
        case .shardIndex(let path, let shards): "\(path) (headers of \(shards) shard\(shards == 1 ? "" : "s"))"
        case .config(let path, let architecture): "\(path) (\(architecture.rawValue) tensors as transformers names them; no checkpoint read)"
        case .namesFile(let path): "\(path) (names file)"
        }
    }

    func table() -> String {
        var lines: [String] = []
        lines.append("model      \(source)")
        if let config = checkpoint.config, config.file != sourcePath { lines.append("config     \(config.file)") }
        let rules = attention.rules
        lines.append(attention.needed
            ? "attention  dim \(rules.dim), heads \(rules.heads), kv heads \(rules.kvHeads): head pieces of \(grouped(rules.headBlockSize)) elements (\(attention.source))"
            : "attention  no query/key tensors: dim and heads are not used")
        lines.append("")
        let nameWidth = min(max(report.rows.map(\.name.count).max() ?? 4, 4), 60)
        lines.append("\(pad("tensor", nameWidth))  \(pad("shape", 16))  \(pad("numel", 12, right: true))  \(pad("rule", 10))  \(pad("blocks", 9, right: true))")
        for row in report.rows {
            let shape = row.shape.isEmpty ? "()" : row.shape.map(String.init).joined(separator: "x")
            lines.append("\(pad(row.name, nameWidth))  \(pad(shape, 16))  \(pad(grouped(row.count), 12, right: true))  \(pad(row.rule.rawValue, 10))  \(pad(grouped(row.blocks), 9, right: true))")
        }
        lines.append("")
        lines.append("parameters            \(pad(grouped(report.parameters), 16, right: true))")
        lines.append("AdamW state           \(pad(grouped(report.adamWState), 16, right: true))  (m and v per parameter)")
        lines.append("Adam-mini state       \(pad(grouped(report.adamMiniState), 16, right: true))  (m per parameter + \(grouped(report.blocks)) second moments)")
        lines.append("saving                \(pad(String(format: "%.1f%%", 100 * report.saving), 16, right: true))  of AdamW's optimizer state")
        lines.append("")
        lines.append("\(pad("memory", 42))  \(pad("bytes", 18, right: true))  \(pad("GiB", 10, right: true))")
        for entry in memory.entries {
            lines.append("\(pad(entry.label, 42))  \(pad(grouped(entry.bytes), 18, right: true))  \(pad(gib(entry.bytes), 10, right: true))")
        }
        if memory.dtypeAssumed {
            lines.append("(the checkpoint gives no dtype; parameters counted as float32, transformers' default)")
        }
        lines.append("")
        if warnings.isEmpty {
            lines.append("warnings: none")
        } else {
            lines.append("warnings (\(warnings.count)):")
            for warning in warnings {
                lines.append("- \(warning.kind.rawValue): \(warning.message)")
                if !warning.tensors.isEmpty {
                    let shown = warning.tensors.prefix(6).joined(separator: ", ")
                    lines.append("  tensors: \(shown)\(warning.tensors.count > 6 ? " and \(warning.tensors.count - 6) more" : "")")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    func json() -> String {
        var out = "{\"parameters\":\(report.parameters),\"adamw_state\":\(report.adamWState),\"adam_mini_state\":\(report.adamMiniState)"
        out += ",\"saving\":\(JSONText.number(report.saving)),\"tensors\":["
        out += report.rows.map { row in
            "{\"name\":\(JSONText.string(row.name)),\"shape\":[\(row.shape.map(String.init).joined(separator: ","))],\"numel\":\(row.count),\"rule\":\"\(row.rule.rawValue)\",\"blocks\":\(row.blocks)}"
        }.joined(separator: ",")
        out += "],\"source\":\(JSONText.string(source))"
        let rules = attention.rules
        out += ",\"attention\":" + (attention.needed ? "{\"dim\":\(rules.dim),\"heads\":\(rules.heads),\"kv_heads\":\(rules.kvHeads),\"head_piece\":\(rules.headBlockSize)}" : "null")
        out += ",\"memory\":{\"dtype\":\(JSONText.string(memory.dtype)),\"dtype_assumed\":\(memory.dtypeAssumed)"
        for entry in memory.entries {
            out += ",\(JSONText.string(entry.key)):{\"bytes\":\(entry.bytes),\"gib\":\(JSONText.number(Double(entry.bytes) / 1_073_741_824))}"
        }
        out += "},\"warnings\":["
        out += warnings.map { warning in
            "{\"kind\":\"\(warning.kind.rawValue)\",\"tensors\":[\(warning.tensors.map(JSONText.string).joined(separator: ","))],\"message\":\(JSONText.string(warning.message))}"
        }.joined(separator: ",")
        out += "]}"
        return out
    }

    private var sourcePath: String {
        switch checkpoint.origin {
        case .safetensors(let path), .shardIndex(let path, _), .config(let path, _), .namesFile(let path): path
        }
    }

    private func pad(_ s: String, _ w: Int, right: Bool = false) -> String {
        s.count >= w ? s : right ? String(repeating: " ", count: w - s.count) + s : s + String(repeating: " ", count: w - s.count)
    }

    private func gib(_ bytes: Int) -> String {
        String(format: "%.2f", Double(bytes) / 1_073_741_824)
    }

    private func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(d)
        }
        return out
    }
}
