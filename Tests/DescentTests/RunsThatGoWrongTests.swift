import Foundation
import XCTest

/// The real binary on runs that go wrong: learning rates from 1e-8 to 1e8 on every surface, and
/// training at lr 1e8. Every command exits normally, marks the step where a run diverged, and
/// prints no "nan" or "inf" on the screen it draws.
final class RunsThatGoWrongTests: XCTestCase {
    static let surfaces = [
        "rosenbrock", "beale", "himmelblau", "rastrigin", "ackley", "booth", "matyas", "goldstein-price",
        "six-hump-camel", "three-hump-camel", "styblinski-tang", "mccormick", "saddle", "monkey-saddle", "elliptic-bowl",
    ]
    static let kinds = ["gd", "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "adam-mini"]

    private var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "descent-wrong-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Writes a scenario racing every optimizer kind at `learningRate` on `surface`.
    private func scenario(_ surface: String, learningRate: String, steps: Int = 60) throws -> String {
        var text = "[problem]\ntype = \"\(surface)\"\n\n[run]\nsteps = \(steps)\n"
        for kind in Self.kinds { text += "\n[[optimizer]]\ntype = \"\(kind)\"\nlr = \(learningRate)\n" }
        let path = "\(folder)/\(surface)-\(learningRate).toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private static func nonFiniteWord(in text: String) -> String? {
        text.range(of: #"(?i)(?<![a-z])[-+]?(nan|inf)(?![a-z])"#, options: .regularExpression).map { String(text[$0]) }
    }

    func testRenderOfEverySurfaceAtExtremeLearningRates() throws {
        let binary = try Executable.descent()
        var diverged = 0
        for surface in Self.surfaces {
            for learningRate in ["1e-8", "1e8"] {
                let path = try scenario(surface, learningRate: learningRate)
                let result = try Executable.capture(binary, ["render", path, "--width", "120", "--height", "40"])
                XCTAssertEqual(result.status, 0, "\(surface) \(learningRate): \(result.error)")
                let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                XCTAssertEqual(lines.count, 40, "\(surface) \(learningRate)")
                XCTAssertTrue(lines.last?.contains("step 60 ") == true, "\(surface) \(learningRate): \(lines.last ?? "")")
                if let word = Self.nonFiniteWord(in: result.output) {
                    XCTFail("\(surface) lr \(learningRate) shows '\(word)':\n\(result.output)")
                }
                if result.output.contains("diverged at ") { diverged += 1 }
            }
        }
        XCTAssertGreaterThan(diverged, 5, "lr 1e8 diverges on most surfaces and the legend says so")
    }

    func testRunMarksTheDivergenceStepAndStopsThatTrajectory() throws {
        let binary = try Executable.descent()
        for surface in ["rosenbrock", "saddle", "goldstein-price"] {
            for learningRate in ["1e-8", "1e-4", "1.0", "1e4", "1e8"] {
                let path = try scenario(surface, learningRate: learningRate)
                let json = try Executable.capture(binary, ["run", path, "--format", "json"])
                XCTAssertEqual(json.status, 0, json.error)
                let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any], "valid JSON")
                let optimizers = try XCTUnwrap(object["optimizers"] as? [[String: Any]])
                XCTAssertEqual(optimizers.count, Self.kinds.count)
                for optimizer in optimizers {
                    let trajectory = try XCTUnwrap(optimizer["trajectory"] as? [[String: Any]])
                    let lastStep = try XCTUnwrap(trajectory.last?["step"] as? Int)
                    if let step = optimizer["diverged_step"] as? Int {
                        XCTAssertEqual(lastStep, step, "\(surface) \(learningRate): the trajectory stops where it diverged")
                    } else {
                        XCTAssertEqual(lastStep, 60, "\(surface) \(learningRate)")
                    }
                }
                let csv = try Executable.capture(binary, ["run", path])
                XCTAssertEqual(csv.status, 0, csv.error)
                XCTAssertEqual(csv.output.split(separator: "\n").first, "optimizer,step,loss,x0,x1")
            }
        }
    }

    func testTrainingAtAHugeLearningRateReportsWhereItDiverged() throws {
        let binary = try Executable.descent()
        let transformer = try Executable.capture(binary, [
            "train", "--model", "transformer", "--dim", "8", "--heads", "2", "--modulus", "5", "--batch", "8",
            "--optimizer", "adam", "--lr", "1e8", "--steps", "6", "--eval-every", "3", "--format", "json",
        ])
        XCTAssertEqual(transformer.status, 0, transformer.error)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(transformer.output.utf8)) as? [String: Any], transformer.output)
        let step = try XCTUnwrap(object["diverged_step"] as? Int, "diverged_step in \(transformer.output)")
        XCTAssertTrue((1...6).contains(step))
        XCTAssertTrue(object["final_loss"] is NSNull)

        let mlp = try Executable.capture(binary, [
            "train", "--model", "mlp", "--compare", "adamw,sgd", "--lr", "1e8", "--steps", "20", "--eval-every", "10",
        ])
        XCTAssertEqual(mlp.status, 0, mlp.error)
        XCTAssertNotNil(mlp.output.range(of: #"adamw: diverged at step \d+"#, options: .regularExpression), mlp.output)
        XCTAssertTrue(mlp.output.contains("sgd: validation accuracy"), mlp.output)
        // Verdicts, table and plot (the per-evaluation log lines print raw values, nan included).
        let summary = mlp.output.split(separator: "\n").filter { $0.range(of: #"^\S+ step \d+/"#, options: .regularExpression) == nil }
        XCTAssertFalse(summary.contains { $0.contains("nan") }, summary.joined(separator: "\n"))
        XCTAssertTrue(summary.contains { $0.hasPrefix("adamw ") && $0.contains("diverged") }, "the table marks adamw")
    }
}
