import Foundation
import XCTest

/// `descent check`: one line per claim, exit status 0 when all hold, 1 when any fails, 64 for
/// usage errors, and JSON with the documented keys.
final class CheckCommandTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "descent-check-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func descent(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        try Executable.capture(try Executable.descent(), arguments)
    }

    /// A bowl where GD at lr 0.1 halves its distance quickly and GD at lr 0.001 barely moves.
    private func write(_ name: String, claims: String) throws -> String {
        let path = "\(directory!)/\(name)"
        try """
        [problem]
        type = "expression"
        f = "x^2 + y^2"
        start = [1.0, 1.0]

        [run]
        steps = 50

        [[optimizer]]
        type = "gd"
        label = "fast"
        lr = 0.1

        [[optimizer]]
        type = "gd"
        label = "slow"
        lr = 0.001

        """.appending(claims).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testHoldingAndFailingClaims() throws {
        let good = try write("good.toml", claims: "[[claim]]\noptimizer = \"fast\"\nbeats = \"slow\"\n\n[[claim]]\ntext = \"fast gets close\"\noptimizer = \"fast\"\nbelow = 1e-6\n")
        let held = try descent(["check", good])
        XCTAssertEqual(held.status, 0, held.error)
        let lines = held.output.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].hasPrefix("✓ \(good): fast beats slow at step 50 (fast "), lines[0])
        XCTAssertTrue(lines[1].hasPrefix("✓ \(good): fast gets close (fast "), lines[1])
        XCTAssertEqual(lines.last, "2 of 2 claims hold")

        let bad = try write("bad.toml", claims: "[[claim]]\noptimizer = \"slow\"\nbeats = \"fast\"\n")
        let failed = try descent(["check", bad])
        XCTAssertEqual(failed.status, 1)
        XCTAssertTrue(failed.output.hasPrefix("✗ \(bad): slow beats fast at step 50 (slow 1.64e+0, fast 4.07e-10)\n"), failed.output)

        // A folder is checked file by file, each shown under its own name.
        let both = try descent(["check", directory])
        XCTAssertEqual(both.status, 1)
        XCTAssertTrue(both.output.contains("✗ bad.toml: slow beats fast"), both.output)
        XCTAssertTrue(both.output.contains("✓ good.toml: fast gets close"), both.output)
    }

    func testJSON() throws {
        let path = try write("json.toml", claims: "[[claim]]\noptimizer = \"fast\"\nbeats = \"slow\"\n\n[[claim]]\noptimizer = \"slow\"\nreaches = 1e-3\nwithin = 50\n")
        let run = try descent(["check", path, "--format", "json"])
        XCTAssertEqual(run.status, 1)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        XCTAssertEqual(object["held"] as? Int, 1)
        XCTAssertEqual(object["failed"] as? Int, 1)
        let claims = try XCTUnwrap(object["claims"] as? [[String: Any]])
        XCTAssertEqual(Set(claims[0].keys), ["file", "text", "optimizer", "test", "step", "holds", "values"])
        XCTAssertEqual(claims[0]["text"] as? String, "fast beats slow at step 50")
        XCTAssertEqual(claims[0]["holds"] as? Bool, true)
        XCTAssertEqual((claims[0]["test"] as? [String: Any])?["beats"] as? String, "slow")
        XCTAssertEqual(Set(((claims[0]["values"] as? [String: Any]) ?? [:]).keys), ["fast", "slow"])
        XCTAssertEqual(claims[1]["step"] as? Int, 50)
        XCTAssertEqual((claims[1]["test"] as? [String: Any])?["within"] as? Int, 50)
    }

    func testUsageAndFileErrors() throws {
        let usage = try descent(["check", "--format", "yaml"])
        XCTAssertEqual(usage.status, 64)
        XCTAssertTrue(usage.error.contains("yaml"), usage.error)
        let missing = try descent(["check", "\(directory!)/nothing.toml"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.error.contains("nothing.toml: no such file"), missing.error)
        let invalid = try write("invalid.toml", claims: "[[claim]]\noptimizer = \"fats\"\nbelow = 1.0\n")
        let located = try descent(["check", invalid])
        XCTAssertEqual(located.status, 1)
        XCTAssertTrue(located.error.contains("invalid.toml:19: claim[1].optimizer:") && located.error.contains("did you mean 'fast'"), located.error)
        let empty = NSTemporaryDirectory() + "descent-check-empty-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let none = try descent(["check", empty])
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.error.contains("no .toml scenario files"), none.error)
    }
}
