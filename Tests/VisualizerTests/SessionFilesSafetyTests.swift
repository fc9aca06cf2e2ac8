import Foundation
import Scenarios
import XCTest
@testable import Visualizer

/// The TUI's `e` and `w` never replace a file (they take a new name) and leave no temporary file.
final class SessionFilesSafetyTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "descent-session-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testExistingFilesAreUntouchedAndNewNamesTaken() throws {
        var state = try Fixtures.state(Fixtures.rosenbrock)
        state.advance(steps: 2)
        for name in ["test-step2.csv", "test-retuned.toml"] {
            try "keep me".write(toFile: directory + "/" + name, atomically: false, encoding: .utf8)
        }
        XCTAssertTrue(try SessionFiles.exportTrajectories(state, directory: directory).hasSuffix("/test-step2-2.csv"))
        XCTAssertTrue(try SessionFiles.writeScenario(state, directory: directory).hasSuffix("/test-retuned-2.toml"))
        for name in ["test-step2.csv", "test-retuned.toml"] {
            XCTAssertEqual(try String(contentsOfFile: directory + "/" + name, encoding: .utf8), "keep me")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).sorted(),
                       ["test-retuned-2.toml", "test-retuned.toml", "test-step2-2.csv", "test-step2.csv"])
    }

    func testANameTakenWhileWritingMovesOnToTheNext() throws {
        let path = try SessionFiles.writeUnderFreshName(directory: directory, base: "race", extension: "txt") { sink in
            sink.write("mine")
            // Another program takes the chosen name before the file is moved into place.
            try? "theirs".write(toFile: self.directory + "/race.txt", atomically: false, encoding: .utf8)
        }
        XCTAssertTrue(path.hasSuffix("/race-2.txt"), path)
        XCTAssertEqual(try String(contentsOfFile: directory + "/race.txt", encoding: .utf8), "theirs")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "mine")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).sorted(), ["race-2.txt", "race.txt"])
    }

    func testMissingFolderFailsWithoutLeavingFiles() throws {
        let state = try Fixtures.state(Fixtures.rosenbrock)
        let missing = directory + "/absent"
        XCTAssertThrowsError(try SessionFiles.exportTrajectories(state, directory: missing)) { error in
            XCTAssertTrue("\(error)".contains("does not exist"), "\(error)")
        }
        XCTAssertThrowsError(try SessionFiles.writeScenario(state, directory: missing))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), [])
    }
}
