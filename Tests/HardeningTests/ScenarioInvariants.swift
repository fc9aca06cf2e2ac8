import Foundation
import Objectives
import Scenarios
import XCTest

/// What every scenario parse must end in: a scenario that keeps the documented limits, or an
/// error that names the file and a real line.
enum ScenarioInvariants {
    /// Parses `text`, checks whichever outcome it gives, and returns whether it parsed.
    @discardableResult
    static func check(_ text: String, file: String = "fuzz.toml",
                      sourceFile: StaticString = #filePath, line: UInt = #line) -> Bool {
        saveForCrashReport(text)
        do {
            let scenario = try ScenarioLoader.parse(text: text, file: file)
            checkScenario(scenario, text: text, sourceFile: sourceFile, line: line)
            return true
        } catch {
            checkError(error, file: file, text: text, sourceFile: sourceFile, line: line)
            return false
        }
    }

    /// With HARDENING_LAST_INPUT set to a path, each input is written there before it is parsed,
    /// so an input that kills the process (a trap in C++ code) is left behind to reproduce.
    static func saveForCrashReport(_ text: String) {
        guard let path = ProcessInfo.processInfo.environment["HARDENING_LAST_INPUT"] else { return }
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }

    static func checkScenario(_ scenario: Scenario, text: String, sourceFile: StaticString, line: UInt) {
        let problem = scenario.problem
        guard let objective = problem.objective else {
            // A network problem: trained from seeded weights, no start point.
            XCTAssertGreaterThan(problem.layout.count, 0, "\(text.prefix(300))", file: sourceFile, line: line)
            XCTAssertTrue(problem.start.isEmpty, "\(text.prefix(300))", file: sourceFile, line: line)
            return
        }
        let dimension = objective.dimension
        let context = "\(text.prefix(300))"
        XCTAssertEqual(problem.start.count, dimension, context, file: sourceFile, line: line)
        XCTAssertTrue(problem.start.allSatisfy(\.isFinite), "start \(problem.start) in \(context)", file: sourceFile, line: line)
        XCTAssertTrue((1...Quadratic.maximumDimension).contains(dimension), context, file: sourceFile, line: line)
        XCTAssertTrue(problem.noise.isFinite && problem.noise >= 0, context, file: sourceFile, line: line)
        XCTAssertTrue((0...RunSettings.maximumSteps).contains(scenario.settings.steps), context, file: sourceFile, line: line)
        XCTAssertFalse(scenario.optimizers.isEmpty, context, file: sourceFile, line: line)
        let labels = scenario.optimizers.map(\.label)
        XCTAssertEqual(Set(labels).count, labels.count, "labels \(labels) must be unique", file: sourceFile, line: line)
        XCTAssertTrue(labels.allSatisfy { (1...40).contains($0.count) }, "labels \(labels)", file: sourceFile, line: line)
        if let view = problem.view {
            XCTAssertTrue(view.width.isFinite && view.width > 0 && view.height.isFinite && view.height > 0,
                          "view \(view) in \(context)", file: sourceFile, line: line)
        }
        if let blocks = problem.hessianBlocks {
            XCTAssertEqual(blocks.reduce(0, +), dimension, "blocks \(blocks) cover the dimension", file: sourceFile, line: line)
        }
    }

    static func checkError(_ error: ScenarioError, file: String, text: String, sourceFile: StaticString, line: UInt) {
        let context = "\(error) for \(text.prefix(300))"
        XCTAssertEqual(error.file, file, context, file: sourceFile, line: line)
        XCTAssertTrue(error.description.hasPrefix(file + ":"), context, file: sourceFile, line: line)
        XCTAssertGreaterThan(error.message.count, 10, context, file: sourceFile, line: line)
        XCTAssertFalse(error.message.contains("Optional("), context, file: sourceFile, line: line)
        if let errorLine = error.line {
            let lineCount = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.count
            XCTAssertTrue((1...max(lineCount, 1)).contains(errorLine), "line \(errorLine) of \(lineCount): \(context)",
                          file: sourceFile, line: line)
        }
    }
}
