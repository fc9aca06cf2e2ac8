import Foundation
import Rendering
import Scenarios

extension AppState {
    /// The factor `{` and `}` divide and multiply the learning rate by: a quarter of a decade.
    static let fineLearningRateFactor = pow(10, 0.25)

    /// Opens the one-line editor on the selected optimizer's hyperparameters.
    mutating func openSettingsEditor() {
        guard selected < optimizerCount else { return }
        settingsEditor = RetuneParser.line(for: racer(selected).configuration)
        showSettingsEditor(error: nil)
    }

    /// Keys while the editor is open: text edits it, enter applies, esc cancels.
    mutating func handleSettingsEditor(_ key: Key) {
        guard var line = settingsEditor else { return }
        switch key {
        case .escape:
            settingsEditor = nil
            notice = "settings unchanged"
            return
        case .enter:
            applySettingsEditor(line)
            return
        case .backspace, .delete:
            if !line.isEmpty { line.removeLast() }
        case .control("u"):
            line = ""
        case .character(let c):
            // A bounded line: the parser takes values of at most 200 characters anyway.
            if line.count < 400 { line.append(c) }
        default:
            break
        }
        settingsEditor = line
        showSettingsEditor(error: nil)
    }

    private mutating func applySettingsEditor(_ line: String) {
        let index = selected
        do throws(ScenarioError) {
            let configuration = try RetuneParser.configuration(from: line, current: racer(index).configuration)
            do throws(RaceSetupError) {
                try timeline.retune(racer: index, configuration: configuration)
                settingsEditor = nil
                notice = "\(racer(index).label): \(RetuneParser.line(for: configuration)), path recomputed from step 0"
            } catch {
                showSettingsEditor(error: "cannot retune: \(error)")
            }
        } catch {
            showSettingsEditor(error: error.keyPath.map { "\($0): \(error.message)" } ?? error.message)
        }
    }

    /// The editor lives in the status line: the label, the text with a cursor, then any error.
    private mutating func showSettingsEditor(error: String?) {
        guard let line = settingsEditor, selected < optimizerCount else { return }
        var text = "\(racer(selected).label): \(line)▏ enter applies · esc cancels"
        if let error { text = "\(racer(selected).label): \(line)▏ ✗ \(error)" }
        notice = text
    }
}
