import Foundation
import XCTest

/// The real `descent` binary in a real terminal (tmux), driven by keys and read back from the screen.
final class TUIEndToEndTests: XCTestCase {
    private var socket = ""
    private var tmux: String?

    override func setUpWithError() throws {
        tmux = Executable.find("tmux")
        guard tmux != nil else { throw XCTSkip("tmux is not installed; the end-to-end test needs it to drive a real terminal") }
        socket = "descent-e2e-\(ProcessInfo.processInfo.processIdentifier)"
    }

    override func tearDown() {
        if tmux != nil { _ = try? run(["kill-server"]) }
    }

    func testKeysStepsRewindHelpResizeAndQuit() throws {
        let binary = try Executable.descent()
        let scenario = Executable.repositoryRoot.appendingPathComponent("scenarios/flagship.toml").path
        // The pane's shell records descent's exit status in a file: reading it back through
        // tmux's remain-on-exit raced with the pane closing and made the test flaky.
        let statusFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket).status").path
        try? FileManager.default.removeItem(atPath: statusFile)
        defer { try? FileManager.default.removeItem(atPath: statusFile) }
        try run(["-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40",
                 "env TERM=xterm-256color LANG=C.UTF-8 '\(binary)' '\(scenario)'; echo $? > '\(statusFile)'; sleep 60"])
        try waitFor { $0.contains("step 0 ") }

        for _ in 0..<5 { try run(["send-keys", "n"]) }
        try waitFor { $0.contains("step 5 ") }
        try run(["send-keys", "b"])
        try waitFor { $0.contains("step 4 ") }

        try run(["send-keys", "?"])
        try waitFor { $0.contains("descent · keys") && $0.contains("one step back") }
        try run(["send-keys", "Escape"])
        try waitFor { !$0.contains("descent · keys") && $0.contains("step 4 ") }

        try run(["resize-window", "-x", "50", "-y", "15"])
        try waitFor { $0.contains("terminal too small: 50x15") && $0.contains("at least 60x18") }
        try run(["resize-window", "-x", "120", "-y", "40"])
        try waitFor { $0.contains("step 4 ") && $0.contains("optimizers") && !$0.contains("too small") }

        try run(["send-keys", "q"])
        var status = ""
        try waitFor(timeout: 10) { _ in
            status = ((try? String(contentsOfFile: statusFile, encoding: .utf8)) ?? "")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            return !status.isEmpty
        }
        XCTAssertEqual(status, "0")
    }

    func testANetworkScenarioTrainsLiveAndFormsItsHessianOnH() throws {
        let binary = try Executable.descent()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-net")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = folder.appendingPathComponent("blobs.toml").path
        try """
        name = "Blobs e2e"
        [problem]
        type = "mlp"
        task = "blobs"
        classes = 3
        points = 60
        hidden = [4]
        batch = 8
        eval_every = 2
        [[optimizer]]
        type = "adamw"
        lr = 0.05
        [[optimizer]]
        type = "adam-mini"
        lr = 0.05
        """.write(toFile: scenario, atomically: true, encoding: .utf8)
        let statusFile = folder.appendingPathComponent("status").path
        try run(["-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40",
                 "env TERM=xterm-256color LANG=C.UTF-8 '\(binary)' '\(scenario)'; echo $? > '\(statusFile)'; sleep 60"])
        try waitFor { $0.contains("step 0 ") && $0.contains("Hessian 27x27 at adamw · step 0") }
        for _ in 0..<4 { try run(["send-keys", "n"]) }
        try waitFor { $0.contains("step 4 ") && $0.contains("val acc") }
        try run(["send-keys", "Tab", "H"])
        try waitFor { $0.contains("Hessian 27x27 at adam-mini · step 4") && $0.contains("inside Adam-mini's blocks") }
        try run(["send-keys", "b"])
        try waitFor { $0.contains("step 3 ") }
        try run(["send-keys", "q"])
        var status = ""
        try waitFor(timeout: 10) { _ in
            status = ((try? String(contentsOfFile: statusFile, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            return !status.isEmpty
        }
        XCTAssertEqual(status, "0")
    }

    func testWithoutATerminalItPointsToRunAndRender() throws {
        let result = try Executable.capture(try Executable.descent(), [Executable.repositoryRoot.appendingPathComponent("scenarios/flagship.toml").path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.error.contains("descent run") && result.error.contains("descent render"), result.error)
        XCTAssertEqual(result.output, "")
    }

    func testRenderPrintsTheScreenAfterNSteps() throws {
        let scenario = Executable.repositoryRoot.appendingPathComponent("scenarios/flagship.toml").path
        let result = try Executable.capture(try Executable.descent(), ["render", scenario, "--steps", "7", "--width", "100", "--height", "30"])
        XCTAssertEqual(result.status, 0, result.error)
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(lines.count, 30)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 100 })
        XCTAssertTrue(lines.last?.contains("step 7 ") == true)
        XCTAssertFalse(result.output.contains("\u{1B}["))
        let colored = try Executable.capture(try Executable.descent(), ["render", scenario, "--steps", "2", "--ansi"])
        XCTAssertTrue(colored.output.contains("\u{1B}["))
    }

    /// Runs a tmux command on the private socket and returns its output.
    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let result = try Executable.capture(tmux!, ["-L", socket] + arguments)
        guard result.status == 0 else {
            throw NSError(domain: "tmux", code: Int(result.status), userInfo: [NSLocalizedDescriptionKey: "tmux \(arguments.joined(separator: " ")): \(result.error)"])
        }
        return result.output
    }

    /// Polls the pane until `condition` holds, failing with the last screen after `timeout` seconds.
    private func waitFor(timeout: Double = 15, _ condition: (String) -> Bool, file: StaticString = #filePath, line: UInt = #line) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = (try? run(["capture-pane", "-p"])) ?? ""
            if condition(screen) { return }
            usleep(20_000)
        }
        XCTFail("the screen did not show what was expected within \(timeout) s; last screen:\n\(screen)", file: file, line: line)
        throw XCTSkip("stopping after the failure above")
    }
}
