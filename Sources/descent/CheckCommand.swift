import ArgumentParser
import Foundation
import Scenarios

/// `descent check`: runs scenarios headless and judges the claims they make.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run scenarios headless and check that their [[claim]]s hold.",
        discussion: """
        Prints one line per claim: ✓ or ✗, the file, the claim (as written, or generated from its \
        test) and the measured values. Values are loss minus the known minimum (the loss where no \
        minimum is known); on networks, the validation loss. Exit status 0 when every claim holds, \
        1 when any fails or a file cannot be used.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Scenario .toml files or folders of them (default: the shipped scenarios/ folder).")
    var paths: [String] = []

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        let files = try scenarioFiles()
        var results: [(file: String, verdict: ClaimVerdict)] = []
        var unusable = 0
        for (path, shown) in files {
            do {
                let scenario = try ScenarioLoader.load(path: path)
                let verdicts = try ClaimRun.verdicts(scenario)
                if verdicts.isEmpty, format == .text { print("· \(shown): no claims") }
                for verdict in verdicts {
                    results.append((shown, verdict))
                    if format == .text { print(CheckReport.line(file: shown, verdict: verdict)) }
                }
            } catch {
                unusable += 1
                FileHandle.standardError.write(Data("descent: \(error)\n".utf8))
            }
        }
        let failed = results.filter { $0.verdict.holds != true }.count
        if format == .json {
            print(CheckReport.json(results, held: results.count - failed, failed: failed))
        } else if !results.isEmpty {
            print("\(results.count - failed) of \(results.count) claims hold")
        }
        if failed > 0 || unusable > 0 { throw ExitCode(1) }
    }

    /// Each file to check with the name it is shown under: as given, or relative to its folder.
    private func scenarioFiles() throws -> [(path: String, shown: String)] {
        var arguments = paths
        if arguments.isEmpty {
            guard let directory = ScenarioDirectory.locate() else {
                throw fail("no scenarios/ folder found here or beside the executable; give scenario files or folders to check")
            }
            arguments = [directory]
        }
        var files: [(String, String)] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue {
                let inside = ScenarioDirectory.files(in: argument)
                guard !inside.isEmpty else { throw fail("\(argument): no .toml scenario files in this folder") }
                files += inside.map { ($0, ($0 as NSString).lastPathComponent) }
            } else {
                files.append((argument, argument))
            }
        }
        return files
    }
}
