@testable import descent
import Foundation
import Scenarios
import Visualizer
import XCTest

/// The TUI's `e` and `w` never replace a file (they take a new name) and leave no temporary file;
/// the picker lists every scenario of a folder, broken ones with their error.
final class SessionFilesTests: XCTestCase {
    private var directory: String!

    private static let scenario = """
    name = "Rosenbrock test"

    [problem]
    type = "rosenbrock"
    start = [-1.2, 1.0]

    [[optimizer]]
    type = "gd"
    lr = 0.001
    """

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "descent-session-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func state(steps: Int) throws -> AppState {
        let path = directory + "/test.toml"
        try Self.scenario.write(toFile: path, atomically: true, encoding: .utf8)
        var state = try AppState(scenario: ScenarioLoader.load(path: path), width: 120, height: 40, colorMode: .none)
        try FileManager.default.removeItem(atPath: path)
        state.advance(steps: steps)
        return state
    }

    func testFilesAreNamedAfterTheScenarioAndHoldTheExports() throws {
        let state = try state(steps: 2)
        let csv = try SessionFiles.exportTrajectories(state, directory: directory)
        XCTAssertTrue(csv.hasSuffix("/test-step2.csv"), csv)
        var expected = ""
        state.trajectoryCSV { expected += $0 }
        XCTAssertEqual(try String(contentsOfFile: csv, encoding: .utf8), expected)
        let toml = try SessionFiles.writeScenario(state, directory: directory)
        XCTAssertTrue(toml.hasSuffix("/test-retuned.toml"), toml)
        XCTAssertEqual(try ScenarioLoader.load(path: toml).optimizers, state.currentScenario.optimizers)
    }

    func testExistingFilesAreUntouchedAndNewNamesTaken() throws {
        let state = try state(steps: 2)
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
        let state = try state(steps: 0)
        let missing = directory + "/absent"
        XCTAssertThrowsError(try SessionFiles.exportTrajectories(state, directory: missing)) { error in
            XCTAssertTrue("\(error)".contains("does not exist"), "\(error)")
        }
        XCTAssertThrowsError(try SessionFiles.writeScenario(state, directory: missing))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), [])
    }

    func testPickerListsNamesAndErrors() throws {
        try Self.scenario.write(toFile: directory + "/good.toml", atomically: true, encoding: .utf8)
        try "[problem]\ntype = \"rosenbrok\"\n".write(toFile: directory + "/bad.toml", atomically: true, encoding: .utf8)
        let entries = SessionFiles.listScenarios(directory: directory)
        XCTAssertEqual(entries.map(\.isBroken), [true, false])
        XCTAssertEqual(entries[1].name, "Rosenbrock test")
        XCTAssertTrue(entries[0].detail.contains("bad.toml"), entries[0].detail)
        XCTAssertEqual(SessionFiles.listScenarios(directory: nil), [])
    }
}
