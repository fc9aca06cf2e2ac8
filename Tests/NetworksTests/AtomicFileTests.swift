import Foundation
import Networks
import OptimizerCore
import XCTest

/// The atomic writer and the checkpoint writer on it: never replace without being asked, never
/// leave a temporary file behind.
final class AtomicFileTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "descent-atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func entries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    private func write(_ text: String, to path: String, overwrite: Bool) throws {
        let file = try AtomicFile(path: path, overwrite: overwrite)
        try file.write(Array(text.utf8))
        try file.commit()
    }

    func testExistingFileIsKeptWithoutOverwriteAndReplacedWithIt() throws {
        let path = directory + "/out.txt"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        XCTAssertThrowsError(try write("new", to: path, overwrite: false)) { error in
            XCTAssertEqual(error as? FileWriteError, .exists(path))
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "old")
        try write("new", to: path, overwrite: true)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "new")
        XCTAssertEqual(try entries(), ["out.txt"])
    }

    func testAFileCreatedWhileWritingIsNotReplaced() throws {
        let path = directory + "/race.txt"
        let file = try AtomicFile(path: path, overwrite: false)
        try file.write(Array("mine".utf8))
        try "theirs".write(toFile: path, atomically: false, encoding: .utf8)
        XCTAssertThrowsError(try file.commit()) { error in
            XCTAssertEqual(error as? FileWriteError, .exists(path))
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "theirs")
        XCTAssertEqual(try entries(), ["race.txt"], "no temporary file left")
    }

    func testMissingFolderAndDirectoryTargetsFailBeforeWriting() throws {
        let missing = directory + "/absent/out.txt"
        XCTAssertThrowsError(try AtomicFile.checkDestination(missing, overwrite: false)) { error in
            XCTAssertEqual(error as? FileWriteError, .missingFolder(missing, folder: self.directory + "/absent"))
            XCTAssertTrue("\(error)".contains("does not exist"), "\(error)")
        }
        XCTAssertThrowsError(try write("x", to: missing, overwrite: true))
        XCTAssertThrowsError(try write("x", to: directory, overwrite: true)) { error in
            XCTAssertEqual(error as? FileWriteError, .isDirectory(self.directory))
        }
        XCTAssertEqual(try entries(), [])
    }

    func testAbandonedWriterLeavesNothing() throws {
        do {
            let file = try AtomicFile(path: directory + "/partial.txt", overwrite: false)
            try file.write(Array("half".utf8))
            XCTAssertEqual(try entries().count, 1, "the temporary file exists while writing")
        }
        XCTAssertEqual(try entries(), [])
    }

    func testCheckpointWriterKeepsReplacesAndCleansUp() throws {
        let trainer = try Trainer(configuration: TrainingConfiguration(
            model: .transformer(TransformerConfiguration(vocabulary: 12, context: 3, dim: 16, layers: 1, heads: 2, kvHeads: 1, hidden: 24)),
            task: .modularAddition(modulus: 11, trainFraction: 0.6), optimizer: OptimizerConfiguration(kind: .adam),
            batchSize: 16, seed: 9))
        let path = directory + "/run.ckpt"
        try "not a checkpoint".write(toFile: path, atomically: false, encoding: .utf8)
        XCTAssertThrowsError(try CheckpointFile.write(trainer.checkpoint(), to: path, overwrite: false)) { error in
            XCTAssertEqual(error as? CheckpointError, .exists(path))
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "not a checkpoint")
        try CheckpointFile.write(trainer.checkpoint(), to: path, overwrite: true)
        XCTAssertEqual(try CheckpointFile.read(path).completedSteps, 0)
        let missing = directory + "/absent/run.ckpt"
        XCTAssertThrowsError(try CheckpointFile.write(trainer.checkpoint(), to: missing, overwrite: true)) { error in
            XCTAssertTrue("\(error)".contains("'\(self.directory!)/absent' does not exist"), "\(error)")
        }
        XCTAssertThrowsError(try CheckpointFile.read(directory)) { error in
            XCTAssertTrue("\(error)".contains("is a directory"), "\(error)")
        }
        XCTAssertEqual(try entries(), ["run.ckpt"])
    }

    /// Below the executable no message names a flag: how to ask for a replacement is the caller's.
    func testMessagesLeaveTheReplacingFlagToTheCaller() {
        XCTAssertEqual(FileWriteError.exists("a.csv").description, "a.csv already exists; choose another name")
        XCTAssertEqual(FileWriteError.exists("a.csv").message(replacing: "say so"), "a.csv already exists; choose another name or say so")
        XCTAssertEqual(CheckpointError.exists("c.ckpt").description, "checkpoint 'c.ckpt' already exists")
        XCTAssertEqual(CheckpointError.file(.exists("c.ckpt")).message(replacing: "say so"), "checkpoint: c.ckpt already exists; choose another name or say so")
    }
}
