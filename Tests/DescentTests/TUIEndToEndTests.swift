import Foundation
import XCTest

/// The real `descent` binary in a real terminal (tmux), driven by keys and read back from the screen.
final class TUIEndToEndTests: XCTestCase {
    private var socket = ""
    private var tmux: String?

    override func setUpWithError() throws {
        tmux = Executable.find("tmux")
        guard tmux != nil else { throw XCTSkip("tmux is not installed; the end-to-end test needs it to drive a real terminal") }
        // One socket per test: the previous test's server may still be exiting on a shared one,
        // and a new session there fails with "server exited unexpectedly".
        socket = "descent-e2e-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
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
        try waitFor { $0.contains("step 0 ") && $0.contains("Hessian taken at adamw · step 0") && $0.contains("3 mlp.1.bias") }
        for _ in 0..<4 { try run(["send-keys", "n"]) }
        try waitFor { $0.contains("step 4 ") && $0.contains("val acc") }
        try run(["send-keys", "Tab", "H"])
        try waitFor { $0.contains("Hessian taken at adam-mini · step 4") && $0.contains("inside Adam-mini's blocks") }
        try run(["send-keys", "t", "t", "t"])
        try waitFor { $0.contains("tensor 3/4 mlp.1 [3x4]") && $0.contains("one per row, 3 of 4 entries") }
        try run(["send-keys", "t"])
        try waitFor { $0.contains("tensor 4/4 mlp.1.bias") }
        try run(["send-keys", "t"])
        try waitFor { $0.contains("RMS of H") && $0.contains("tensor-block matrix") }
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

    func testRKeyRecordsTheLiveSessionToTheNextFreeCastFile() throws {
        let binary = try Executable.descent()
        let scenario = Executable.repositoryRoot.appendingPathComponent("scenarios/flagship.toml").path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-rec").standardizedFileURL.path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "taken".write(toFile: folder + "/descent-1.cast", atomically: true, encoding: .utf8)
        try run(["-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40",
                 "cd '\(folder)' && env TERM=xterm-256color LANG=C.UTF-8 '\(binary)' '\(scenario)'; sleep 60"])
        try waitFor { $0.contains("step 0 ") }
        try run(["send-keys", "R"])
        try waitFor { $0.contains("● REC · step 0 ") && $0.contains("recording to \(folder)/descent-2.cast") }
        for _ in 0..<3 { try run(["send-keys", "n"]) }
        try waitFor { $0.contains("● REC · step 3 ") }
        try run(["send-keys", "R"])
        try waitFor { !$0.contains("● REC") && $0.contains("recording saved: \(folder)/descent-2.cast") }
        let cast = try Asciicast(path: folder + "/descent-2.cast")
        XCTAssertEqual(cast.problems, [])
        XCTAssertEqual(cast.width, 120)
        XCTAssertEqual(cast.height, 40)
        XCTAssertTrue(cast.events.count >= 4, "the first frame and one per step at least: \(cast.events.count)")
        XCTAssertTrue(cast.events[0].data.contains("● REC"), "the first frame is the whole screen")
        XCTAssertEqual(try String(contentsOfFile: folder + "/descent-1.cast", encoding: .utf8), "taken")

        // Quitting while recording saves the recording and says where once the screen is back.
        try run(["send-keys", "R"])
        try waitFor { $0.contains("● REC") }
        try run(["send-keys", "q"])
        try waitFor { $0.contains("descent: recording saved: \(folder)/descent-3.cast") }
        XCTAssertEqual(try Asciicast(path: folder + "/descent-3.cast").problems, [])
    }

    func testCtrlCWhileRecordingSavesTheRecordingAndExitsWith130() throws {
        let binary = try Executable.descent()
        let scenario = Executable.repositoryRoot.appendingPathComponent("scenarios/flagship.toml").path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-int").standardizedFileURL.path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try run(["-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40",
                 "cd '\(folder)' && env TERM=xterm-256color LANG=C.UTF-8 '\(binary)' '\(scenario)'; echo \"exit $?\"; sleep 60"])
        try waitFor { $0.contains("step 0 ") }
        try run(["send-keys", "R"])
        try waitFor { $0.contains("● REC") }
        try run(["send-keys", "space"])
        try run(["send-keys", "C-c"])
        try waitFor { $0.contains("descent: recording saved: \(folder)/descent-1.cast") && $0.contains("exit 130") }
        XCTAssertEqual(try Asciicast(path: folder + "/descent-1.cast").problems, [])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [], "no temporary file is left behind")
    }

    func testReplayingARecordingInATerminalGivesTheScreenRenderPrintsCellForCell() throws {
        let binary = try Executable.descent()
        let scenario = Executable.repositoryRoot.appendingPathComponent("scenarios/flagship.toml").path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-replay").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let size = ["--width", "100", "--height", "30"]
        for noColor in [false, true] {
            // Both commands see the same colours: a 256-colour terminal, or NO_COLOR.
            let environment = ["-u", "COLORTERM"] + (noColor ? ["NO_COLOR=1"] : ["-u", "NO_COLOR"]) + ["TERM=xterm-256color", binary]
            let cast = folder + "/run-\(noColor).cast"
            let recorded = try Executable.capture("/usr/bin/env", environment + ["record", scenario, "-o", cast, "--steps", "60"] + size)
            XCTAssertEqual(recorded.status, 0, recorded.error)
            let recording = try Asciicast(path: cast)
            XCTAssertEqual(recording.problems, [])
            XCTAssertGreaterThan(recording.events.count, 20)
            let replay = folder + "/replay-\(noColor)", render = folder + "/render-\(noColor)"
            try recording.output.write(toFile: replay, atomically: true, encoding: .utf8)
            let text = try Executable.capture("/usr/bin/env", environment + ["render", scenario, "--steps", "60"] + size)
            XCTAssertEqual(text.status, 0, text.error)
            let screen = try Executable.capture("/usr/bin/env", environment + ["render", scenario, "--steps", "60"] + size
                + (noColor ? [] : ["--ansi"]))
            // Without the final newline, which would scroll the full screen up by a line.
            try String(screen.output.dropLast()).write(toFile: render, atomically: true, encoding: .utf8)
            for (name, file) in [("replay-\(noColor)", replay), ("render-\(noColor)", render)] {
                try run(["-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(recording.width)", "-y", "\(recording.height)",
                         "cat '\(file)'; exec sleep 60"])
            }
            try waitFor(target: "render-\(noColor)") { $0.contains("step 60 ") }
            let rendered = try run(["capture-pane", "-p", "-e", "-t", "render-\(noColor)"])
            let renderedText = try run(["capture-pane", "-p", "-t", "render-\(noColor)"])
            try waitFor(target: "replay-\(noColor)") { $0 == renderedText }
            if noColor {
                XCTAssertEqual(renderedText, text.output, "the replayed screen is the text render prints")
            } else {
                let replayed = try run(["capture-pane", "-p", "-e", "-t", "replay-\(noColor)"])
                XCTAssertTrue(replayed.contains("\u{1B}[38;5;"), "colours are compared too")
                XCTAssertEqual(replayed, rendered, "glyphs, colours and attributes match cell for cell")
            }
        }
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

    /// Polls the pane (of session `target`, else the current one) until `condition` holds,
    /// failing with the last screen after `timeout` seconds.
    private func waitFor(timeout: Double = 15, target: String? = nil, _ condition: (String) -> Bool,
                         file: StaticString = #filePath, line: UInt = #line) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = (try? run(["capture-pane", "-p"] + (target.map { ["-t", $0] } ?? []))) ?? ""
            if condition(screen) { return }
            usleep(20_000)
        }
        XCTFail("the screen did not show what was expected within \(timeout) s; last screen:\n\(screen)", file: file, line: line)
        throw XCTSkip("stopping after the failure above")
    }
}
