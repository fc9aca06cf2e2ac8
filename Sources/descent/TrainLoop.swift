import OptimizerCore
import Foundation
import Networks

/// Drives one trainer to the requested step, reporting progress on a terminal (a bar redrawn in
/// place) or as plain log lines when standard output is not a terminal.
struct TrainLoop {
    let trainer: Trainer
    let totalSteps: Int
    let evalEvery: Int
    let format: TrainCommand.Format

    /// Trains and returns the result; progress goes to stdout (text) or stderr (json).
    func run() -> TrainResult {
        let optimizerName = trainer.configuration.optimizer.kind.rawValue
        let interactive = isatty(format == .json ? 2 : 1) == 1
        let progress = TrainProgress(total: totalSteps, label: optimizerName, interactive: interactive, toStandardError: format == .json)
        progress.header(trainer: trainer)
        let firstStep = trainer.completedSteps
        var losses: [Double] = []
        losses.reserveCapacity(totalSteps - firstStep)
        var evaluation: BatchResult?
        let start = Date()
        while trainer.completedSteps < totalSteps {
            let report = trainer.step()
            losses.append(report.loss)
            let elapsed = Date().timeIntervalSince(start)
            if trainer.completedSteps % evalEvery == 0 || trainer.completedSteps == totalSteps {
                evaluation = trainer.evaluate()
                progress.evaluated(report: report, evaluation: evaluation!, elapsed: elapsed,
                                   itemsPerSecond: Double(losses.count * trainer.itemsPerStep) / max(elapsed, 1e-9),
                                   stepsDone: losses.count)
            } else if interactive {
                progress.stepped(report: report, evaluation: evaluation, elapsed: elapsed,
                                 itemsPerSecond: Double(losses.count * trainer.itemsPerStep) / max(elapsed, 1e-9),
                                 stepsDone: losses.count)
            }
        }
        let seconds = Date().timeIntervalSince(start)
        if evaluation == nil { evaluation = trainer.evaluate() }
        progress.finish()
        let rate = seconds > 0 && !losses.isEmpty ? Double(losses.count * trainer.itemsPerStep) / seconds : nil
        let tail = losses.suffix(20)
        let isTokens: Bool
        if case .tokens = trainer.task.input { isTokens = true } else { isTokens = false }
        var result = TrainResult(
            model: trainer.configuration.model.name, task: trainer.task.summary, optimizer: optimizerName,
            hyperparameters: trainer.configuration.optimizer.shortDescription,
            schedule: trainer.configuration.schedule, parameters: trainer.parameterCount,
            initialLoss: trainer.initialLoss, finalLoss: tail.isEmpty ? nil : tail.reduce(0, +) / Double(tail.count),
            evalLoss: evaluation?.meanLoss, evalAccuracy: evaluation?.accuracy, chanceAccuracy: trainer.task.chanceAccuracy,
            optimizerStateElements: trainer.optimizer.stateElementCount,
            tokensPerSecond: isTokens ? rate : nil, examplesPerSecond: isTokens ? nil : rate,
            steps: trainer.completedSteps, seconds: seconds, lossHistory: losses, firstStep: firstStep)
        result.tensorUpdates = (trainer.optimizer as? any TensorUpdateAssignment)?.tensorUpdates ?? []
        return result
    }
}
