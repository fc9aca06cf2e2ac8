import Foundation
import Rendering

/// The bottom line: `● REC` while recording, `step N`, running or paused with the speed, the
/// scenario, and key hints (or the latest notice).
struct StatusLine {
    var state: AppState

    /// What marks a recording session, at the very start of the line.
    static let recordingMark = "● REC"

    /// The fixed start of the line, e.g. ` step 42 · ❚❚ paused · 20 steps/s · `.
    var fixedText: String {
        let mode = state.running ? "▶ running" : "❚❚ paused"
        var speed = SpeedSetting.label(state.speedIndex)
        // Say so when the machine cannot keep up with the chosen speed.
        if state.running, let measured = state.measuredStepsPerSecond,
           measured < 0.8 * SpeedSetting.stepsPerSecond[state.speedIndex] {
            speed = "\(Int(measured.rounded())) of \(speed)"
        }
        let recording = state.isRecording ? " \(Self.recordingMark) ·" : ""
        return "\(recording) step \(state.step) · \(mode) · \(speed) · "
    }

    /// The right part: the notice if there is one, else as many key hints as fit.
    func rightText(room: Int) -> String {
        if let notice = state.notice { return TextMetrics.truncate(notice, to: max(0, room)) + " " }
        let formsHessian = (state.timeline.race.networkRace?.problem.layout.count ?? .max) <= NetworkHessian.maximumParameters
        let network = formsHessian ? ["H hessian"] : []
        let hints = ["? help", "q quit", "n step", "b back", "space run"] + network + ["+/- speed", "tab select", "[ ] lr", "o open", "e export", "w write"]
        var shown: [String] = []
        for hint in hints {
            let candidate = (shown + [hint]).joined(separator: "  ") + " "
            if TextMetrics.width(candidate) > room { break }
            shown.append(hint)
        }
        // Most useful first when cutting, but read in a natural order.
        let order = ["n step", "b back", "space run"] + network + ["+/- speed", "tab select", "[ ] lr", "o open", "e export", "w write", "? help", "q quit"]
        return order.filter(shown.contains).joined(separator: "  ") + " "
    }

    func render(in rect: Rect, into canvas: inout Canvas) {
        let style = state.colorMode == .none
            ? Style.reverse
            : Style(foreground: .rgb(20, 20, 24), background: .rgb(200, 200, 210))
        // The step must always be readable: it goes first, key hints take what the name can spare;
        // a notice (a saved file's path) may take nearly all of the name's room.
        let fixed = fixedText
        let right = rightText(room: rect.width - TextMetrics.width(fixed) - (state.notice == nil ? 16 : 5))
        let nameRoom = rect.width - TextMetrics.width(fixed) - TextMetrics.width(right) - 1
        let left = nameRoom >= 4 ? fixed + TextMetrics.truncate(state.scenario.name, to: nameRoom) : String(fixed.dropLast(3))
        canvas.render(StatusBar(left: left, right: right, style: style), in: rect)
        if state.isRecording && state.colorMode != .none {
            for x in 1...Self.recordingMark.count {
                canvas.modify(x: rect.x + x, y: rect.y) { $0.foreground = .rgb(190, 0, 0); $0.attributes.insert(.bold) }
            }
        }
    }
}
