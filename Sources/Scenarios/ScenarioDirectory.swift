import Foundation

/// Finds the shipped `scenarios/` folder and the scenarios in it.
public enum ScenarioDirectory {
    /// The name of the flagship scenario that `descent` opens by default.
    public static let flagship = "flagship.toml"

    /// `./scenarios` when it exists, else the `scenarios` folder of the checkout the binary was
    /// built in (found by walking up from the executable), else nil.
    public static func locate() -> String? {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: "scenarios", isDirectory: &isDirectory), isDirectory.boolValue {
            return "scenarios"
        }
        var url = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = url.appendingPathComponent("scenarios")
            if fileManager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue,
               fileManager.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return candidate.path
            }
            url.deleteLastPathComponent()
        }
        return nil
    }

    /// The `.toml` files of a folder, sorted by name.
    public static func files(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".toml") }.sorted().map { (directory as NSString).appendingPathComponent($0) }
    }
}
