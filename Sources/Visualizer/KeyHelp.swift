import Foundation

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
            ("[  ]", "halve / double the selected learning rate (its path is recomputed from step 0)"),
        ]),
        ("Surface", [
            ("h j k l  shift-arrows", "pan"),
            ("z  x  wheel", "zoom in / out"),
            ("0", "back to the default view"),
            ("f", "fade old iterates on / off"),
            ("click", "restart every optimizer from that point"),
        ]),
        ("Files", [
            ("o", "open another scenario"),
            ("e", "export the trajectories as CSV (a new file)"),
            ("w", "write this scenario with its retuned learning rates and start (a new file)"),
        ]),
        ("", [
            ("?", "this help"),
            ("esc", "close an overlay"),
            ("q", "quit"),
        ]),
    ]

    /// The help text, one key per line.
    public static var text: String {
        let keyWidth = sections.flatMap(\.keys).map { $0.0.count }.max() ?? 0
        var lines: [String] = []
        for section in sections {
            if !lines.isEmpty { lines.append("") }
            if !section.title.isEmpty { lines.append(section.title) }
            for (keys, meaning) in section.keys {
                lines.append("  " + keys.padding(toLength: keyWidth, withPad: " ", startingAt: 0) + "  " + meaning)
            }
        }
        lines.append("")
        lines.append("Rewinding keeps every state of the last \(Timeline.window) steps and a snapshot every "
            + "\(Timeline.checkpointInterval) steps; older steps are recomputed from a snapshot, bit for bit.")
        return lines.joined(separator: "\n")
    }
}
