import Foundation
import XCTest

/// Compares screens with the literal text recorded in `RecordedScreens.swift`.
///
/// `DESCENT_RECORD=1 swift test --filter VisualizerTests` rewrites that file with the current
/// screens instead (by hand, after looking at them; CI never records). The screens live in Swift
/// source rather than .txt files so the test target has no undeclared resources.
enum Snapshot {
    nonisolated(unsafe) private static var recordedThisRun: [String: String] = [:]

    static func assert(_ text: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
        if ProcessInfo.processInfo.environment["DESCENT_RECORD"] == "1" {
            record(text, named: name)
            return
        }
        guard let expected = RecordedScreens.all[name] else {
            XCTFail("no recorded screen \(name); record it with DESCENT_RECORD=1", file: file, line: line)
            return
        }
        if expected != text {
            let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let b = text.split(separator: "\n", omittingEmptySubsequences: false)
            let row = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            XCTFail("""
                screen \(name) differs first at row \(row):
                expected: \(row < a.count ? String(a[row]) : "<none>")
                actual:   \(row < b.count ? String(b[row]) : "<none>")
                """, file: file, line: line)
        }
    }

    private static func record(_ text: String, named name: String) {
        recordedThisRun[name] = text
        let merged = RecordedScreens.all.merging(recordedThisRun) { _, new in new }
        var source = """
            // Screens recorded with DESCENT_RECORD=1 (see SnapshotTesting.swift). Generated: edit by re-recording.

            enum RecordedScreens {
                static let all: [String: String] = [

            """
        for key in merged.keys.sorted() {
            source += "        \"\(key)\": #\"\"\"\n\(merged[key]!)\n\"\"\"#,\n"
        }
        source += "    ]\n}\n"
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("RecordedScreens.swift")
        try? Data(source.utf8).write(to: url)
    }
}
