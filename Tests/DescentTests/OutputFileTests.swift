@testable import descent
import Foundation
import XCTest

/// `descent run --output` and every other text file: atomic, never replacing without --force,
/// no temporary file left behind.
final class OutputFileTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "descent-output-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func entries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    private func write(_ text: String, to path: String, overwrite: Bool) throws {
        let sink = try OutputFile(.file(path: path, overwrite: overwrite))
        sink.write(text)
        try sink.finish()
    }

    func testKeepsWithoutForceAndReplacesWithIt() throws {
        let path = directory + "/run.csv"
        try write("first", to: path, overwrite: false)
        XCTAssertThrowsError(try write("second", to: path, overwrite: false)) { error in
            XCTAssertEqual(error as? OutputFileError, .exists(path))
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "first")
        try write(String(repeating: "x", count: 200_000), to: path, overwrite: true)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8).count, 200_000, "large output crosses the buffer")
        XCTAssertEqual(try entries(), ["run.csv"])
    }

    func testFailingWritesLeaveNoTemporaryFile() throws {
        XCTAssertThrowsError(try write("x", to: directory + "/absent/run.csv", overwrite: true)) { error in
            XCTAssertEqual("\(error)", "cannot write \(self.directory!)/absent/run.csv: the folder '\(self.directory!)/absent' does not exist")
        }
        // A sink dropped before finish (the run failed part-way) removes its temporary file.
        do {
            let sink = try OutputFile(.file(path: directory + "/partial.csv", overwrite: false))
            sink.write(String(repeating: "y", count: 100_000))
        }
        XCTAssertEqual(try entries(), [])
    }
}
