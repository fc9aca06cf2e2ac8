import Foundation
import Networks
import OptimizerCore

/// Progress output: a bar rewritten in place on a terminal, one log line per evaluation otherwise.
struct TrainProgress {
    let total: Int
    let label: String
    let interactive: Bool
    let toStandardError: Bool

    func header(trainer: Trainer) {
        let c = trainer.configuration
        emit("\(label): \(c.model.name) with \(trainer.parameterCount) parameters on \(trainer.task.summary); "
             + "\(c.optimizer.kind.rawValue) \(c.optimizer.shortDescription), batch \(c.batchSize), "
             + "schedule \(c.schedule.name)\(c.clip.map { ", clip \($0)" } ?? ""); "
             + "chance accuracy \(Self.percent(trainer.task.chanceAccuracy))\n")
    }

    func stepped(report: StepReport, evaluation: BatchResult?, elapsed: Double, itemsPerSecond: Double, stepsDone: Int) {
        // Redraw at most every few steps: printing is slower than a tiny model's step.
        guard report.step % 5 == 0 else { return }
        emit("\r" + bar(report: report, evaluation: evaluation, elapsed: elapsed, itemsPerSecond: itemsPerSecond, stepsDone: stepsDone) + "\u{1B}[K")
    }

    func evaluated(report: StepReport, evaluation: BatchResult, elapsed: Double, itemsPerSecond: Double, stepsDone: Int) {
        if interactive {
            emit("\r" + bar(report: report, evaluation: evaluation, elapsed: elapsed, itemsPerSecond: itemsPerSecond, stepsDone: stepsDone) + "\u{1B}[K")
        } else {
            emit("\(label) step \(report.step)/\(total) " + "loss \(NumberText.fixed(report.loss)) val_loss \(NumberText.fixed(evaluation.meanLoss))"
                 + " val_acc \(Self.percent(evaluation.accuracy)) " + "lr \(NumberText.fixed(report.learningRate, "%.3g")) grad_norm \(NumberText.fixed(report.gradientNorm, "%.3g"))"
                 + " \(Self.compact(itemsPerSecond))/s " + String(format: "elapsed %.1fs\n", elapsed))
        }
    }

    func finish() {
        if interactive { emit("\n") }
    }

    private func bar(report: StepReport, evaluation: BatchResult?, elapsed: Double, itemsPerSecond: Double, stepsDone: Int) -> String {
        let width = 24
        let filled = total > 0 ? width * report.step / total : width
        let remaining = Double(total - report.step) * elapsed / Double(max(stepsDone, 1))
        let validation = evaluation.map { " val \(NumberText.fixed($0.meanLoss)) (\(Self.percent($0.accuracy)))" } ?? ""
        return "\(label) \(report.step)/\(total) [" + String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            + "] loss \(NumberText.fixed(report.loss))" + validation
            + " \(Self.compact(itemsPerSecond))/s ETA \(Self.duration(remaining))"
    }

    private func emit(_ text: String) {
        let handle = toStandardError ? FileHandle.standardError : FileHandle.standardOutput
        handle.write(Data(text.utf8))
    }


    static func percent(_ x: Double) -> String { String(format: "%.1f%%", 100 * x) }

    static func compact(_ x: Double) -> String {
        x >= 1e6 ? String(format: "%.2fM", x / 1e6) : x >= 1e3 ? String(format: "%.1fk", x / 1e3) : String(format: "%.0f", x)
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "--:--" }
        let s = Int(seconds.rounded())
        return String(format: "%d:%02d", s / 60, s % 60)
    }
}
