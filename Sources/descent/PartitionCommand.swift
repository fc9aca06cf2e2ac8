import ArgumentParser
import Foundation
import OptimizerCore
import Scenarios

/// `descent partition`: what Adam-mini's official partition would do to a checkpoint.
struct PartitionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partition",
        abstract: "Show Adam-mini's blocks and optimizer-state saving for a model's tensors.",
        discussion: """
        MODEL is a .safetensors checkpoint (only its header is read) or a text file with one \
        `name d0xd1x...` per line. Per tensor: the official Adam-mini rule that applies and the \
        number of second-moment values it keeps; then the totals against AdamW.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Argument(help: "A .safetensors file or a names file.")
    var model: String

    @Option(parsing: .unconditional, help: "Model width, used to size attention heads (dim*dim/heads elements per head).")
    var dim: Int = 2048

    @Option(parsing: .unconditional, help: "Number of attention heads.")
    var heads: Int = 32

    @Option(name: .customLong("kv-heads"), parsing: .unconditional, help: "Number of key/value heads (default: --heads).")
    var kvHeads: Int?

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    func validate() throws {
        guard dim > 0, dim <= 1_000_000 else { throw ValidationError("--dim \(dim) is out of range; give 1 to 1000000") }
        guard heads > 0, heads <= 100_000 else { throw ValidationError("--heads \(heads) is out of range; give 1 to 100000") }
        guard dim % heads == 0 else {
            let valid = Self.headCounts(dividing: dim, near: heads).map(String.init).joined(separator: ", ")
            throw ValidationError("--heads \(heads) does not divide --dim \(dim) into whole heads; head counts that do, near \(heads): \(valid)")
        }
        if let kvHeads, kvHeads <= 0 || heads % kvHeads != 0 {
            throw ValidationError("--kv-heads \(kvHeads) must divide --heads \(heads)")
        }
    }

    func run() throws {
        let report: PartitionReport
        do {
            let inventory = try ModelInventory.load(path: model)
            report = try PartitionReport(inventory: inventory, rules: AdamMiniNameRules(dim: dim, heads: heads, kvHeads: kvHeads))
        } catch let error as ModelInventoryError {
            throw fail(error)
        } catch {
            throw fail("\(model): \(error)")
        }
        switch format {
        case .table: printTable(report)
        case .json: printJSON(report)
        }
    }

    private func printTable(_ report: PartitionReport) {
        let nameWidth = min(max(report.rows.map(\.name.count).max() ?? 4, 4), 60)
        func pad(_ s: String, _ w: Int, right: Bool = false) -> String {
            s.count >= w ? s : right ? String(repeating: " ", count: w - s.count) + s : s + String(repeating: " ", count: w - s.count)
        }
        print("\(pad("tensor", nameWidth))  \(pad("shape", 16))  \(pad("numel", 12, right: true))  \(pad("rule", 10))  \(pad("blocks", 9, right: true))")
        for row in report.rows {
            let shape = row.shape.isEmpty ? "()" : row.shape.map(String.init).joined(separator: "x")
            print("\(pad(row.name, nameWidth))  \(pad(shape, 16))  \(pad(grouped(row.count), 12, right: true))  \(pad(row.rule.rawValue, 10))  \(pad(grouped(row.blocks), 9, right: true))")
        }
        print("")
        print("parameters            \(pad(grouped(report.parameters), 16, right: true))")
        print("AdamW state           \(pad(grouped(report.adamWState), 16, right: true))  (m and v per parameter)")
        print("Adam-mini state       \(pad(grouped(report.adamMiniState), 16, right: true))  (m per parameter + \(grouped(report.adamMiniState - report.parameters)) second moments)")
        print("saving                \(pad(String(format: "%.1f%%", 100 * report.saving), 16, right: true))  of AdamW's optimizer state")
    }

    private func printJSON(_ report: PartitionReport) {
        var out = "{\"parameters\":\(report.parameters),\"adamw_state\":\(report.adamWState),\"adam_mini_state\":\(report.adamMiniState)"
        out += ",\"saving\":\(JSONText.number(report.saving)),\"tensors\":["
        out += report.rows.map { row in
            "{\"name\":\(JSONText.string(row.name)),\"shape\":[\(row.shape.map(String.init).joined(separator: ","))],\"numel\":\(row.count),\"rule\":\"\(row.rule.rawValue)\",\"blocks\":\(row.blocks)}"
        }.joined(separator: ",")
        out += "]}"
        print(out)
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
