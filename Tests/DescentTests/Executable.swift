import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Finding and running programs from the end-to-end tests.
enum Executable {
    /// The checkout this test file lives in.
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The `descent` binary that `swift test` built next to the test bundle.
    static func descent() throws -> String {
        var candidates: [URL] = []
        let runner = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        candidates.append(runner.deletingLastPathComponent().appendingPathComponent("descent"))
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("descent"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("descent"))
        for bundle in Bundle.allBundles {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("descent"))
        }
        candidates.append(repositoryRoot.appendingPathComponent(".build/debug/descent"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate.path
        }
        throw NSError(domain: "descent", code: 1, userInfo: [NSLocalizedDescriptionKey: "cannot find the descent binary; looked at \(candidates.map(\.path))"])
    }

    /// The full path of a program on PATH, or nil.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs a program to completion with stdin from /dev/null; returns its status and output.
    ///
    /// Spawned and reaped directly (posix_spawn + waitpid) with output in temporary files:
    /// `tmux new-session` leaves a server running that inherits the child's descriptors, so
    /// pipes would never reach end of file, and Foundation's `Process` was seen to miss the exit.
    static func capture(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let base = NSTemporaryDirectory() + "descent-e2e-\(UUID().uuidString)"
        defer {
            try? FileManager.default.removeItem(atPath: base + ".out")
            try? FileManager.default.removeItem(atPath: base + ".err")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, base + ".out", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, base + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(repositoryRoot.path)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        let argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw NSError(domain: "spawn", code: Int(spawned), userInfo: [NSLocalizedDescriptionKey: "cannot run \(program)"])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let output = (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? ""
        let error = (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? ""
        return (exitStatus, output, error)
    }
}
