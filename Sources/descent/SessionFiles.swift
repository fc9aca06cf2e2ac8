import Foundation
import Scenarios
import Visualizer

/// The files a TUI session writes: trajectory CSV exports and retuned scenarios, always under new
/// names, and the scenarios the picker lists.
///
/// Both go through `OutputFile` (a temporary file in the same folder, moved into place with a
/// call that fails rather than replace a file), so a file that appears under the chosen name
/// while writing is never overwritten: the next free name is taken instead.
enum SessionFiles {
    /// Writes every optimizer's trajectory from step 0 to the current step, in the format of
    /// `descent run`, and returns the path.
    static func exportTrajectories(_ state: AppState, directory: String = ".") throws(OutputFileError) -> String {
        try writeUnderFreshName(directory: directory, base: "\(baseName(state))-step\(state.step)", extension: "csv") { sink in
            state.trajectoryCSV { sink.write($0) }
        }
    }

    /// Writes the scenario with its retuned learning rates and current start as TOML and returns the path.
    static func writeScenario(_ state: AppState, directory: String = ".") throws(OutputFileError) -> String {
        try writeUnderFreshName(directory: directory, base: "\(baseName(state))-retuned", extension: "toml") { sink in
            sink.write(state.retunedScenarioTOML)
        }
    }

    /// Writes `contents` to the first free `freshPath` and returns it; a name taken while writing
    /// (by another program) moves on to the next one.
    static func writeUnderFreshName(directory: String, base: String, extension ext: String,
                                    _ contents: (OutputFile) -> Void) throws(OutputFileError) -> String {
        var attempts = 0
        while true {
            let path = freshPath(directory: directory, base: base, extension: ext)
            let sink = try OutputFile(.file(path: path, overwrite: false))
            contents(sink)
            do {
                try sink.finish()
                return path
            } catch .exists(_) where attempts < 100 {
                attempts += 1
            }
        }
    }

    /// `directory/base.ext`, or `base-2.ext`, `base-3.ext`, ... : the first that does not exist.
    static func freshPath(directory: String, base: String, extension ext: String) -> String {
        let folder = directory as NSString
        var candidate = folder.appendingPathComponent("\(base).\(ext)")
        var counter = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = folder.appendingPathComponent("\(base)-\(counter).\(ext)")
            counter += 1
        }
        return candidate
    }

    /// The scenario file's name without folder and extension, or a slug of the scenario name.
    private static func baseName(_ state: AppState) -> String {
        if let file = state.scenario.file {
            return ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        }
        let slug = state.scenario.name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return String(slug).split(separator: "-").joined(separator: "-")
    }

    /// The picker's entries: every `.toml` file of the scenarios folder, loaded to read its name
    /// and description; a file that fails to load shows its error instead.
    static func listScenarios(directory: String?) -> [PickerEntry] {
        guard let directory else { return [] }
        return ScenarioDirectory.files(in: directory).map { path in
            do throws(ScenarioError) {
                let scenario = try ScenarioLoader.load(path: path)
                return PickerEntry(path: path, name: scenario.name, detail: scenario.description, isBroken: false)
            } catch {
                let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                return PickerEntry(path: path, name: name + "  (cannot be loaded)", detail: error.description, isBroken: true)
            }
        }
    }
}
