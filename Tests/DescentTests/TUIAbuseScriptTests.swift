import Foundation
import XCTest

/// Runs `tools/tui-abuse.sh` in its short form against the built binary: resizes, random keys, and
/// Ctrl-C, SIGTERM and SIGHUP while running, each leaving the terminal as it was.
final class TUIAbuseScriptTests: XCTestCase {
    private var script: String { Executable.repositoryRoot.appendingPathComponent("tools/tui-abuse.sh").path }

    func testTheScriptPrintsTheCommittedEventSequence() throws {
        let bash = try XCTUnwrap(Executable.find("bash"), "bash runs the script")
        let result = try Executable.capture(bash, [script, "--print-events", "--seed", "1", "--keys", "300", "--resizes", "20"])
        XCTAssertEqual(result.status, 0, result.error)
        let committed = try String(contentsOf: Executable.repositoryRoot.appendingPathComponent("tools/tui-abuse-events.txt"), encoding: .utf8)
        XCTAssertEqual(result.output, committed, "the script and Tests/VisualizerTests/AbuseEvents.swift must send the same sequence")
    }

    func testShortAbuseLeavesTheTerminalIntactAfterEveryEnding() throws {
        guard Executable.find("tmux") != nil else {
            throw XCTSkip("tmux is not installed; the abuse script needs it to drive a real terminal")
        }
        let bash = try XCTUnwrap(Executable.find("bash"), "bash runs the script")
        let started = Date()
        let result = try Executable.capture(bash, [script, "--binary", try Executable.descent()])
        XCTAssertEqual(result.status, 0, "tools/tui-abuse.sh failed:\n\(result.output)\n\(result.error)")
        for ending in ["ctrl-c", "sigterm", "sighup"] {
            XCTAssertTrue(result.output.contains("tui-abuse: \(ending) "), "no \(ending) run in:\n\(result.output)")
        }
        XCTAssertTrue(result.output.contains("all runs passed"), result.output)
        XCTAssertLessThan(Date().timeIntervalSince(started), 120, "the short form is meant for CI")
    }
}
