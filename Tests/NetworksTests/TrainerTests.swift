import Foundation
@testable import Networks
import OptimizerCore
import XCTest

final class TrainerTests: XCTestCase {
    private func configuration(_ kind: OptimizerKind = .adamw) throws -> TrainingConfiguration {
        var optimizer = OptimizerConfiguration(kind: kind)
        try optimizer.set("lr", to: .real(3e-3))
        return TrainingConfiguration(
            model: .transformer(TransformerConfiguration(vocabulary: 12, context: 3, dim: 16, layers: 1, heads: 2, kvHeads: 1, hidden: 24)),
            task: .modularAddition(modulus: 11, trainFraction: 0.6), optimizer: optimizer,
            schedule: .warmupCosine(warmup: 3, total: 12, startFactor: 0.1, minimum: 1e-4), clip: 0.5, batchSize: 16, seed: 9)
    }

    private func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("descent-\(ProcessInfo.processInfo.processIdentifier)-\(name)").path
    }

    /// N steps straight equal k steps, save, load, N - k steps: exact equality of Float bit
    /// patterns is right here (unlike elsewhere) because every kernel computes each output in a
    /// fixed order, on any number of cores, and the checkpoint stores bits, not decimals.
    func testResumeIsBitForBit() throws {
        for kind in [OptimizerKind.adamw, .adamMini, .nesterov] {
            let straight = try Trainer(configuration: configuration(kind))
            for _ in 0..<12 { straight.step() }
            let first = try Trainer(configuration: configuration(kind))
            for _ in 0..<5 { first.step() }
            let path = temporaryPath("resume-\(kind.rawValue).ckpt")
            defer { try? FileManager.default.removeItem(atPath: path) }
            try CheckpointFile.write(first.checkpoint(), to: path, overwrite: true)
            let resumed = try Trainer(resuming: CheckpointFile.read(path))
            XCTAssertEqual(resumed.completedSteps, 5)
            for _ in 0..<7 { resumed.step() }
            XCTAssertEqual(resumed.parameters.map(\.bitPattern), straight.parameters.map(\.bitPattern), kind.rawValue)
            XCTAssertEqual(resumed.checkpoint().optimizerVectors, straight.checkpoint().optimizerVectors, kind.rawValue)
            XCTAssertEqual(resumed.generator, straight.generator)
        }
    }

    func testCheckpointRefusesToOverwriteAndReportsCorruption() throws {
        let trainer = try Trainer(configuration: configuration())
        trainer.step()
        let path = temporaryPath("corrupt.ckpt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try CheckpointFile.write(trainer.checkpoint(), to: path, overwrite: false)
        XCTAssertThrowsError(try CheckpointFile.write(trainer.checkpoint(), to: path, overwrite: false)) { error in
            XCTAssertEqual(error as? CheckpointError, .exists(path))
        }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let index = bytes.count / 2
        bytes[index] = bytes[index] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        try bytes.write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try CheckpointFile.read(path)) { error in
            guard case .corrupt(_, let reason)? = error as? CheckpointError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("checksum"), reason)
        }
        try Data("not a checkpoint".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try CheckpointFile.read(path))
    }

    func testCheckpointOfAnotherShapeIsAnError() throws {
        let trainer = try Trainer(configuration: configuration())
        var checkpoint = trainer.checkpoint()
        checkpoint.parameterBits.removeLast()
        XCTAssertThrowsError(try Trainer(resuming: checkpoint)) { error in
            guard case .checkpoint(.shapeMismatch)? = error as? TrainingError else { return XCTFail("\(error)") }
        }
    }

    func testClippingBoundsTheUpdateNorm() throws {
        var sgd = OptimizerConfiguration(kind: .sgd)
        try sgd.set("lr", to: .real(1))
        var c = try configuration()
        c.optimizer = sgd
        c.schedule = .constant
        c.clip = 1e-3
        let trainer = try Trainer(configuration: c)
        let before = trainer.parameters
        let report = trainer.step()
        XCTAssertGreaterThan(report.gradientNorm, 1e-3)
        let moved = zip(before, trainer.parameters).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }.squareRoot()
        XCTAssertEqual(moved, 1e-3, accuracy: 1e-5)
    }

    func testMLPLearnsBlobsWellAboveChance() throws {
        var optimizer = OptimizerConfiguration(kind: .adam)
        try optimizer.set("lr", to: .real(1e-2))
        let trainer = try Trainer(configuration: TrainingConfiguration(
            model: .mlp(MLPConfiguration(inputs: 2, hidden: [16], classes: 3, activation: .relu)),
            task: .blobs(classes: 3, points: 300, spread: 0.3), optimizer: optimizer, batchSize: 32, seed: 1))
        for _ in 0..<150 { trainer.step() }
        let result = trainer.evaluate()
        XCTAssertGreaterThan(result.accuracy, 0.85)
        XCTAssertLessThan(result.meanLoss, trainer.initialLoss!)
    }

    func testTasks() throws {
        let modadd = try ModularAddition(modulus: 5, trainFraction: 0.5, seed: 1, asTokens: true)
        XCTAssertEqual(modadd.count(.training) + modadd.count(.validation), 25)
        let batch = modadd.batch(.validation, 0..<2)
        XCTAssertEqual(batch.tokens.count, 6)
        XCTAssertEqual(batch.tokens[2], 5, "the = token")
        XCTAssertEqual(batch.targets[2], (batch.tokens[0] + batch.tokens[1]) % 5)
        XCTAssertEqual(batch.targets[0], -1)
        let oneHot = try ModularAddition(modulus: 5, trainFraction: 0.5, seed: 1, asTokens: false).batch(.training, 0..<1)
        XCTAssertEqual(oneHot.features.reduce(0, +), 2)
        XCTAssertThrowsError(try CharacterText(path: "/nonexistent/file.txt", context: 8)) { error in
            XCTAssertEqual(error as? TaskError, .fileNotFound("/nonexistent/file.txt"))
        }
        let empty = temporaryPath("empty.txt")
        XCTAssertTrue(FileManager.default.createFile(atPath: empty, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: empty) }
        XCTAssertThrowsError(try CharacterText(path: empty, context: 8)) { error in
            XCTAssertEqual(error as? TaskError, .emptyFile(empty))
        }
        let textPath = temporaryPath("text.txt")
        try String(repeating: "hello world. ", count: 40).write(toFile: textPath, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: textPath) }
        let text = try CharacterText(path: textPath, context: 8)
        XCTAssertEqual(text.vocabulary.count, 9)
        let window = text.batch(.training, 3..<4)
        XCTAssertEqual(Array(window.tokens[1...]), Array(window.targets[..<7]), "targets are the inputs shifted by one")
    }
}
