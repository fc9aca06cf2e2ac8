import ArgumentParser
import CursesBackend
import Foundation
import Scenarios
import Visualizer

/// `descent [tui] [FILE]`: the interactive visualizer, full screen.
struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Watch the optimizers of a scenario step by step (the default command).",
        discussion: """
        Opens FILE, or the flagship scenario from scenarios/ when no file is given. Press ? for \
        every key. Needs a terminal; for text output use `descent render FILE`, for numbers \
        `descent run FILE`.
        """
    )

    @Argument(help: "A scenario .toml file (default: scenarios/flagship.toml).")
    var file: String?

    func run() throws {
        let path = try scenarioPath()
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(path: path)
        } catch {
            throw fail(error)
        }
        let terminal: Terminal
        do {
            terminal = try Terminal.start()
        } catch {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            throw ExitCode(1)
        }
        defer { terminal.stop() }
        var session = try TUISession(terminal: terminal, scenario: scenario)
        if session.run() == .interrupted {
            // The status a Ctrl-C gives everywhere else: 128 + SIGINT.
            throw ExitCode(130)
        }
    }

    private func scenarioPath() throws -> String {
        if let file { return file }
        guard let directory = ScenarioDirectory.locate() else {
            throw fail("cannot find the scenarios/ folder; run descent from the repository root or give a scenario file: descent FILE.toml")
        }
        return (directory as NSString).appendingPathComponent(ScenarioDirectory.flagship)
    }
}
