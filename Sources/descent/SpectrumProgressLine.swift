import Foundation
import Objectives

/// The progress line of `descent hessian --spectrum` on standard error: rewritten in place on a
/// terminal (a few times a second), one line per tenth of the work otherwise.
final class SpectrumProgressLine: @unchecked Sendable {
    private let label: String
    private let interactive: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var lastTenth = -1

    init(label: String) {
        self.label = label
        interactive = isatty(2) == 1
    }

    /// Seconds since the line started.
    var elapsed: Double { Date().timeIntervalSince(start) }

    /// Reports progress (the estimator calls this one call at a time); never asks to stop.
    func update(_ progress: SpectrumProgress) -> Bool {
        let tenth = Int(progress.fraction * 10)
        if interactive {
            guard Date().timeIntervalSince(lastDraw) > 0.2 || progress.completed == progress.total else { return true }
            lastDraw = Date()
            emit("\r" + line(progress) + "\u{1B}[K")
        } else if tenth > lastTenth {
            lastTenth = tenth
            emit(line(progress) + "\n")
        }
        return true
    }

    /// Ends the line with the time taken.
    func finish() {
        emit((interactive ? "\r" : "") + "\(label): done in \(String(format: "%.1f", elapsed)) s" + (interactive ? "\u{1B}[K" : "") + "\n")
    }

    private func line(_ progress: SpectrumProgress) -> String {
        let fraction = progress.fraction
        let remaining = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        return "\(label): \(Int(fraction * 100))% (\(progress.completed) of \(progress.total) Hessian-vector products), "
            + String(format: "%.0f s elapsed, about %.0f s left", elapsed, remaining)
    }

    private func emit(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
