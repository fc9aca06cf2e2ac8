import Foundation
import Rendering

/// The end of `descent train`: verdicts, a side-by-side table and a loss plot (text), or one
/// JSON object per optimizer, one per line (json).
struct TrainSummary {
    let results: [TrainResult]
    let format: TrainCommand.Format

    func print() {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for result in results {
                if let data = try? encoder.encode(result) { Swift.print(String(decoding: data, as: UTF8.self)) }
            }
        case .text:
            for result in results { Swift.print(verdict(result)) }
            if results.count > 1 {
                Swift.print("")
                Swift.print(table())
                Swift.print("")
                Swift.print(TrainPlot(results: results).render())
            }
        }
    }

    private func verdict(_ r: TrainResult) -> String {
        guard let accuracy = r.evalAccuracy, let loss = r.evalLoss else { return "\(r.optimizer): no evaluation" }
        if let step = r.divergedStep {
            return "\(r.optimizer): diverged at step \(step) (training loss not finite); validation accuracy "
                + "\(TrainProgress.percent(accuracy)) vs chance \(TrainProgress.percent(r.chanceAccuracy)) after \(r.steps) steps"
        }
        // Many classes: a multiple of chance is telling; few classes: the share of the gap to 100% closed.
        let ratio = accuracy / r.chanceAccuracy
        let gapClosed = (accuracy - r.chanceAccuracy) / (1 - r.chanceAccuracy)
        let judgement = !loss.isFinite ? "diverged"
            : (ratio >= 3 && accuracy - r.chanceAccuracy >= 0.1) || gapClosed >= 0.5 ? "clearly better than chance"
            : ratio >= 1.5 || gapClosed >= 0.1 ? "somewhat better than chance" : "not better than chance"
        return "\(r.optimizer): validation accuracy \(TrainProgress.percent(accuracy)) vs chance \(TrainProgress.percent(r.chanceAccuracy))"
            + String(format: " (validation loss %.4f) after %d steps: ", loss, r.steps) + judgement
    }

    /// A loss for the table; a diverged run's NaN or infinity reads "diverged", not "-nan".
    private static func loss(_ x: Double) -> String {
        x.isFinite ? String(format: "%.4f", x) : "diverged"
    }

    private func table() -> String {
        let header = ["optimizer", "train loss (last 20)", "val loss", "val acc", "state elems", "items/s", "seconds"]
        let rows = results.map { r in [
            r.optimizer,
            r.finalLoss.map(Self.loss) ?? "-",
            r.evalLoss.map(Self.loss) ?? "-",
            r.evalAccuracy.map(TrainProgress.percent) ?? "-",
            "\(r.optimizerStateElements)",
            TrainProgress.compact(r.tokensPerSecond ?? r.examplesPerSecond ?? 0),
            String(format: "%.1f", r.seconds),
        ] }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max()! }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        return ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line))
            .joined(separator: "\n")
    }
}

/// Training loss against step for every run, in braille: one chart in colour with a legend, or
/// (without colour, where lines look alike) one chart per run on shared axes.
struct TrainPlot {
    let results: [TrainResult]

    func render() -> String {
        let mode = isatty(1) == 1 ? ColorMode(environment: ProcessInfo.processInfo.environment) : .none
        // A running mean over 1% of the run smooths minibatch noise without hiding the trend.
        let smoothed = results.map { Self.smoothed($0.lossHistory, window: max(1, $0.lossHistory.count / 100)) }
        let finite = smoothed.flatMap { $0 }.filter { $0.isFinite && $0 > 0 }
        guard let low = finite.min(), let high = finite.max() else { return "(no finite losses to plot)" }
        let first = Double(results.map(\.firstStep).min()! + 1)
        let last = Double(results.map { $0.firstStep + $0.lossHistory.count }.max()!)
        let xDomain = first...max(last, first + 1)
        let yDomain = low...max(high, low * 1.0001)
        func chart(_ indices: [Int], height: Int) -> Canvas {
            var canvas = Canvas(width: 72, height: height)
            let series = indices.map { index in
                LineChart.Series(values: smoothed[index], color: SeriesPalette.color(index, mode: mode),
                                 startStep: results[index].firstStep + 1)
            }
            canvas.render(LineChart(series: series, logY: true, xDomain: xDomain, yDomain: yDomain), in: canvas.bounds)
            return canvas
        }
        var text = "training loss against step (log scale, running mean over 1% of the run)\n"
        if mode == .none {
            for index in results.indices {
                text += results[index].optimizer + "\n" + chart([index], height: 8).plainText() + "\n"
            }
            return text
        }
        text += chart(Array(results.indices), height: 16).ansiText(mode: mode) + "\n"
        var legend = Canvas(width: 72, height: 1)
        var x = 0
        for (index, result) in results.enumerated() {
            x += legend.write("━━ ", x: x, y: 0, style: Style.plain.foreground(SeriesPalette.color(index, mode: mode)))
            x += legend.write(result.optimizer + "   ", x: x, y: 0)
        }
        return text + legend.ansiText(mode: mode)
    }

    static func smoothed(_ values: [Double], window: Int) -> [Double] {
        guard window > 1 else { return values }
        var result: [Double] = []
        result.reserveCapacity(values.count)
        var sum = 0.0
        for (i, value) in values.enumerated() {
            sum += value
            if i >= window { sum -= values[i - window] }
            result.append(sum / Double(min(i + 1, window)))
        }
        return result
    }
}
