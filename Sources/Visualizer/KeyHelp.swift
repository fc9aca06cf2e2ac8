import Foundation
import Rendering
import Scenarios

/// The key reference shown by `?`: one place, so the help overlay lists every key the update handles.
public enum KeyHelp {
    /// Groups of (keys, what they do).
    public static let sections: [(title: String, keys: [(String, String)])] = [
        ("Stepping", [
            ("n  →", "one step for every optimizer"),
            ("N", "ten steps"),
            ("b  ←", "one step back, exactly (see below)"),
            ("space", "run / pause"),
            ("+  -", "faster / slower"),
            ("r", "reset to step 0"),
        ]),
        ("Optimizers", [
            ("tab  ↓", "select the next optimizer"),
            ("shift-tab  ↑", "select the previous optimizer"),
            ("1 … 9", "show / hide optimizer k"),
            ("[  ]", "halve / double the selected learning rate (rerun from step 0)"),
            ("{  }", "learning rate ÷ / × 10^(1/4), finer steps"),
            (":", "type the selected optimizer's hyperparameters, e.g. lr=0.03 momentum=0.8 (enter applies)"),
        ]),
        ("Views", [
            ("v", "next main view (Hessian, block errors, slice, learning rates, curvature…)"),
            ("c", "Hessian colours: symmetric log, linear, per block"),
        ]),
        ("Surface and Hessian", [
            ("h j k l  shift-arrows", "pan (the Hessian, when it is the main view)"),
            ("z  x  wheel", "zoom in / out (the Hessian down to single entries)"),
            ("0", "back to the default view"),
            ("f", "fade old iterates on / off"),
            ("click", "restart every optimizer from that point"),
        ]),
        ("Files", [
            ("o", "open another scenario"),
            ("e", "export the trajectories as CSV (a new file)"),
            ("w", "write this scenario with its retuned learning rates and start (a new file)"),
            ("R", "record the session as an asciicast, a new file (R again stops)"),
        ]),
        ("", [
            ("?", "this help"),
            ("esc", "close an overlay"),
            ("q", "quit"),
        ]),
    ]

    /// Keys that apply to a network scenario instead of the surface keys.
    static let networkSection: (title: String, keys: [(String, String)]) = ("Network", [
        ("H", "retake the Hessian at the selected weights and the current step"),
        ("t  T", "Hessian: next / previous tensor's block of H, Adam-mini's outlined"),
        ("", "after the last tensor: the tensor-block matrix, RMS of H per pair"),
        ("z  x  h j k l  0", "zoom, pan, fit that block when the Hessian is the main view"),
    ])

    /// The help text for a session: the scenario's claims with their verdicts so far, then one
    /// key per line, with its rewind window.
    public static func text(for state: AppState) -> String {
        // The overlay is at most 96 columns wide with a border and a column of padding each side.
        text(for: state, width: max(20, min(92, state.width - 6)))
    }

    /// The help text for a session wrapped to `width` columns.
    static func text(for state: AppState, width: Int) -> String {
        let keys = text(trainsNetwork: state.plane == nil, window: state.timeline.window,
                        interval: state.timeline.checkpointInterval, width: width)
        let claims = claimLines(state.timeline.claims.verdicts, width: width)
        return claims.isEmpty ? keys : claims.joined(separator: "\n") + "\n\n" + keys
    }

    /// `Claims`, then per claim `✓`, `✗` or `·` (not reached yet), its text and what was measured.
    static func claimLines(_ verdicts: [ClaimVerdict], width: Int = .max) -> [String] {
        guard !verdicts.isEmpty else { return [] }
        var lines = ["Claims (✓ holds, ✗ fails, · judged at its step; retuning re-judges)"]
        for verdict in verdicts {
            let mark = verdict.holds.map { $0 ? "✓" : "✗" } ?? "·"
            let values = verdict.valuesText
            lines += hanging("  \(mark) ", verdict.claim.statement + (values.isEmpty ? "" : " \(values)"), width: width)
        }
        return lines
    }

    /// The help text, one key per line.
    /// `width` wraps each key's description under its own column (the overlay would wrap it
    /// under the keys).
    public static func text(trainsNetwork: Bool = false, window: Int = Timeline.maximumWindow,
                            interval: Int = Timeline.initialCheckpointInterval, width: Int = .max) -> String {
        let sections = trainsNetwork ? self.sections.map { $0.title == "Surface and Hessian" ? networkSection : $0 } : self.sections
        let keyWidth = sections.flatMap(\.keys).map { $0.0.count }.max() ?? 0
        var lines: [String] = []
        for section in sections {
            if !lines.isEmpty { lines.append("") }
            if !section.title.isEmpty { lines.append(section.title) }
            for (keys, meaning) in section.keys {
                lines += hanging("  " + keys.padding(toLength: keyWidth, withPad: " ", startingAt: 0) + "  ", meaning, width: width)
            }
        }
        lines.append("")
        lines.append("Rewinding is exact: every state of the last \(window) steps is kept, and a snapshot every "
            + "\(interval) steps (the spacing doubles when a long run fills its memory budget); older steps are "
            + "recomputed from a snapshot, bit for bit. Drawn paths and loss curves keep at most "
            + "\(Timeline.defaultHistoryLimit) points each, thinned evenly as a run grows.")
        return lines.joined(separator: "\n")
    }

    /// `lead` then `text` wrapped to `width`, continuation lines indented to line up after `lead`.
    static func hanging(_ lead: String, _ text: String, width: Int) -> [String] {
        let indent = TextMetrics.width(lead)
        guard width < Int.max / 2, width - indent >= 10 else { return [lead + text] }
        let wrapped = TextBlock.wrap(text, width: width - indent)
        return wrapped.enumerated().map { ($0.offset == 0 ? lead : String(repeating: " ", count: indent)) + $0.element }
    }
}
