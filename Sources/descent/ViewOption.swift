import ArgumentParser
import Visualizer

/// `--view NAME`: the main panel a headless command draws, checked the same way everywhere.
struct ViewOption: ParsableArguments {
    @Option(parsing: .unconditional, help: "The main panel's view: \(PanelView.allCases.map(\.rawValue).joined(separator: ", ")) (default: the problem's first).")
    var view: String?

    /// The view asked for, if any (valid once `validate` has passed).
    var chosen: PanelView? { view.flatMap(PanelView.init(rawValue:)) }

    func validate() throws {
        if let view, PanelView(rawValue: view) == nil {
            throw ValidationError("--view \(view) is not a view; give one of \(PanelView.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// Shows the chosen view in `state`; a view this problem does not offer is an error naming
    /// the scenario file and the views it has.
    func apply(to state: inout AppState, file: String) throws(ExitCode) {
        guard let view, let chosen, !state.show(chosen) else { return }
        throw fail("\(file): --view \(view) is not a view of this problem; it has \(state.mainViews.map(\.rawValue).joined(separator: ", "))")
    }
}
