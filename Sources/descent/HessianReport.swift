import Foundation
import Networks
import Objectives
import Rendering
import Scenarios

/// What `descent hessian` found, printed as heatmaps and shares (text) or one JSON object.
struct HessianReport {
    /// One Hessian and its block shares.
    struct Measurement {
        let step: Int
        let loss: Double
        let examples: Int
        let hessian: Matrix
        let share: Double
        let randomShare: Double
    }

    let trainer: Trainer
    let blocks: [Int]
    let examples: Int
    let draws: Int
    let initial: Measurement
    let trained: Measurement?

    func print(format: TrainCommand.Format) {
        switch format {
        case .json:
            var object: [String: Any] = [
                "model": trainer.configuration.model.name,
                "task": trainer.task.summary,
                "parameters": trainer.parameterCount,
                "blocks": blocks.count,
                "block_sizes": blocks,
                "examples": examples,
                "random_draws": draws,
                "initial_loss": initial.loss,
                "share_in_blocks": initial.share,
                "share_in_random_blocks": initial.randomShare,
            ]
            if let trained {
                object["steps"] = trained.step
                object["optimizer"] = trainer.configuration.optimizer.kind.rawValue
                object["trained_loss"] = trained.loss
                object["trained_share_in_blocks"] = trained.share
                object["trained_share_in_random_blocks"] = trained.randomShare
            }
            // JSON has no NaN or infinity (and JSONSerialization refuses them): a diverged loss is null.
            object = object.mapValues { value in (value as? Double).map { $0.isFinite ? $0 as Any : NSNull() } ?? value }
            if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) {
                Swift.print(String(decoding: data, as: UTF8.self))
            }
        case .text:
            Swift.print("\(trainer.configuration.model.name) with \(trainer.parameterCount) parameters on \(trainer.task.summary); "
                        + "loss over \(examples) training examples; Adam-mini's official partition: \(blocks.count) blocks")
            Swift.print(describe(initial, title: "at initialisation"))
            if let trained {
                Swift.print(describe(trained, title: "after \(trained.step) steps of \(trainer.configuration.optimizer.kind.rawValue)"))
            }
        }
    }

    private func describe(_ m: Measurement, title: String) -> String {
        let mode = isatty(1) == 1 ? ColorMode(environment: ProcessInfo.processInfo.environment) : .none
        let n = m.hessian.rows
        // Scale colours to the 99th percentile of |H|: a few huge entries (embeddings of frequent
        // tokens, norms) would otherwise wash everything else out to white.
        let magnitudes = m.hessian.elements.map(abs).sorted()
        let limit = magnitudes[min(magnitudes.count - 1, Int(Double(magnitudes.count) * 0.99))]
        var canvas = Canvas(width: min(120, max(2 * n, 20)), height: min(60, max(n, 10)))
        canvas.render(MatrixHeatmap(rows: n, columns: n, values: m.hessian.elements, blocks: blocks,
                                    limit: limit > 0 ? limit : nil, mode: mode), in: canvas.bounds)
        return "\nHessian \(title) (loss \(String(format: "%.4f", m.loss)); colours clipped at |H| = \(String(format: "%.3g", limit)), "
            + "blocks outlined)\n" + canvas.ansiText(mode: mode) + "\n"
            + "share of ||H||_F^2 inside Adam-mini's \(blocks.count) blocks: \(String(format: "%.4f", m.share)); "
            + "same sizes over random coordinates (mean of \(draws)): \(String(format: "%.4f", m.randomShare))"
    }

    /// Writes the matrix as CSV, one row per line, numbers in shortest round-trip form (`nan`,
    /// `inf`, `-inf` as in `descent run`), atomically (see `OutputFile`).
    func writeCSV(_ matrix: Matrix, to path: String, overwrite: Bool) throws(OutputFileError) {
        let sink = try OutputFile(.file(path: path, overwrite: overwrite))
        for i in 0..<matrix.rows {
            sink.write(matrix.row(i).map(TrajectoryCSV.number).joined(separator: ",") + "\n")
        }
        try sink.finish()
    }
}
