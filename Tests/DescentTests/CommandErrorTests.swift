import Foundation
import XCTest

/// User errors of the commands end in a message naming the flag and value, with exit status 1
/// (64 for argument errors), and the files they write are never replaced without --force.
final class CommandErrorTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "descent-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func descent(_ arguments: String...) throws -> (status: Int32, output: String, error: String) {
        try Executable.capture(try Executable.descent(), arguments)
    }

    private func entries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    func testRenderRejectsScreensBelowTheMinimum() throws {
        let narrow = try descent("render", "scenarios/rosenbrock.toml", "--width", "40", "--steps", "1")
        XCTAssertEqual(narrow.status, 64)
        XCTAssertTrue(narrow.error.contains("--width 40") && narrow.error.contains("60 to 1000"), narrow.error)
        let low = try descent("render", "scenarios/rosenbrock.toml", "--height", "10", "--steps", "1")
        XCTAssertEqual(low.status, 64)
        XCTAssertTrue(low.error.contains("--height 10") && low.error.contains("18 to 1000"), low.error)
        XCTAssertEqual(try descent("render", "scenarios/rosenbrock.toml", "--width", "60", "--height", "18", "--steps", "1").status, 0)
    }

    func testRunOutputIsKeptWithoutForceAndReplacedWithIt() throws {
        let path = directory + "/run.csv"
        try "keep".write(toFile: path, atomically: false, encoding: .utf8)
        let refused = try descent("run", "scenarios/rosenbrock.toml", "--steps", "2", "--output", path)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.error.contains("--output: \(path) already exists; choose another name or pass --force to replace it"), refused.error)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "keep")
        XCTAssertEqual(try descent("run", "scenarios/rosenbrock.toml", "--steps", "2", "--output", path, "--force").status, 0)
        XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("optimizer,step,loss"))
        let missing = try descent("run", "scenarios/rosenbrock.toml", "--steps", "2", "--output", directory + "/absent/run.csv")
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.error.contains("does not exist"), missing.error)
        XCTAssertEqual(try entries(), ["run.csv"])
    }

    func testRunJSONCarriesTheSchedule() throws {
        let run = try descent("run", "scenarios/rosenbrock.toml", "--steps", "1", "--format", "json")
        XCTAssertEqual(run.status, 0, run.error)
        XCTAssertTrue(run.output.contains("\"schedule\":{\"name\":\"constant\"}"), run.output)
    }

    func testTrainChecksSaveBeforeTraining() throws {
        let missing = directory + "/absent/run.ckpt"
        let started = Date()
        let result = try descent("train", "--steps", "100000", "--save", missing)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.error, "descent: --save: cannot write \(missing): the folder '\(directory!)/absent' does not exist\n")
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "fails before training")
        let existing = directory + "/run.ckpt"
        try "keep".write(toFile: existing, atomically: false, encoding: .utf8)
        let refused = try descent("train", "--steps", "100000", "--save", existing)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.error.contains("--save: \(existing) already exists; choose another name or pass --force to replace it"), refused.error)
        XCTAssertEqual(try String(contentsOfFile: existing, encoding: .utf8), "keep")
        let replaced = try descent("train", "--model", "mlp", "--steps", "2", "--save", existing, "--force", "--format", "json")
        XCTAssertEqual(replaced.status, 0, replaced.error)
        XCTAssertTrue(replaced.output.contains("\"schedule\":{"), replaced.output)
        XCTAssertFalse(replaced.output.contains("\\/"), replaced.output)
        XCTAssertNotEqual(try String(contentsOfFile: existing, encoding: .utf8), "keep")
        XCTAssertEqual(try entries(), ["run.ckpt"])
    }

    func testClipZeroTurnsClippingOffAndNegativesAreRefused() throws {
        XCTAssertEqual(try descent("train", "--model", "mlp", "--steps", "1", "--clip", "0").status, 0)
        let negative = try descent("train", "--model", "mlp", "--steps", "1", "--clip", "-1")
        XCTAssertEqual(negative.status, 64)
        XCTAssertTrue(negative.error.contains("--clip -1.0: give a positive norm, or 0 to turn clipping off"), negative.error)
    }

    func testTrainTextNamesTheFlagAndPath() throws {
        let result = try descent("train", "--task", "text", "--text", directory)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.error, "descent: --text '\(directory!)' is a directory; give a UTF-8 text file\n")
    }

    func testHessianOutputAndJSON() throws {
        let path = directory + "/h.csv"
        try "keep".write(toFile: path, atomically: false, encoding: .utf8)
        let refused = try descent("hessian", "--model", "mlp", "--output", path)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.error.contains("--output: \(path) already exists"), refused.error)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "keep")
        let replaced = try descent("hessian", "--model", "mlp", "--output", path, "--force", "--format", "json")
        XCTAssertEqual(replaced.status, 0, replaced.error)
        XCTAssertFalse(replaced.output.contains("\\/"), replaced.output)
        XCTAssertTrue(replaced.output.contains("train / "), replaced.output)
        let rows = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(rows.count, rows.first?.split(separator: ",").count, "a square matrix")
        let missing = try descent("hessian", "--model", "mlp", "--output", directory + "/absent/h.csv")
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.error.contains("--output: cannot write"), missing.error)
        XCTAssertEqual(try entries(), ["h.csv"])
    }

    func testPartitionListsHeadCountsThatDivideTheWidth() throws {
        let names = directory + "/names.txt"
        try "model.layers.0.self_attn.q_proj.weight 64x64\n".write(toFile: names, atomically: false, encoding: .utf8)
        let result = try descent("partition", names, "--dim", "64", "--heads", "6")
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.error.contains("--heads 6 does not divide --dim 64 into whole head pieces (the official Adam-mini needs dim*dim/heads whole; 64*64/6 is not); head counts that do, near 6: 1, 2, 4, 8, 16, 32"),
                      result.error)
    }
}
