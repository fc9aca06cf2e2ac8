import Foundation
import Objectives
import OptimizerCore
import Scenarios
import XCTest

/// Inputs that once crashed, hung or overflowed a parser, kept so they never do again. Each file's
/// first line (a comment) says what it must be refused for.
final class RegressionCorpusTests: XCTestCase {
    func testScenarioRegressionsAreRefusedWithTheirReason() throws {
        let inputs = Corpora.regression("scenario-")
        XCTAssertFalse(inputs.isEmpty, "the corpus ships with the test target")
        for (name, bytes) in inputs {
            let input = text(bytes)
            let reason = try XCTUnwrap(input.split(separator: "\n").first?.dropFirst(2), name)
            XCTAssertFalse(ScenarioInvariants.check(input, file: name), "\(name) parsed")
            do {
                _ = try ScenarioLoader.parse(text: input, file: name)
            } catch {
                XCTAssertTrue(error.description.contains(reason), "\(name): '\(error)' lacks '\(reason)'")
            }
        }
    }

    /// Typed retuning lines, in the fuzz entry point's form: the first byte picks the optimizer
    /// kind (modulo their number), the rest is the line; each must be refused, not abort.
    func testRetuneRegressionsAreRefused() throws {
        let inputs = Corpora.regression("retune-")
        XCTAssertFalse(inputs.isEmpty, "the corpus ships with the test target")
        for (name, bytes) in inputs {
            let kind = OptimizerKind.allCases[Int(bytes[0]) % OptimizerKind.allCases.count]
            XCTAssertThrowsError(try RetuneParser.configuration(from: text(Array(bytes.dropFirst())), current: OptimizerConfiguration(kind: kind)), name) { error in
                XCTAssertTrue("\(error)".contains("is not a number, true/false or a [a,b] pair"), "\(name): \(error)")
            }
        }
    }

    /// config.json files (beside a checkpoint, `descent partition` divided by their head counts);
    /// each one's `_regression` key, which descent ignores, says what it must be refused for.
    func testConfigRegressionsAreRefusedWithTheirReason() throws {
        let inputs = Corpora.regression("config-")
        XCTAssertFalse(inputs.isEmpty, "the corpus ships with the test target")
        let files = try ModelFiles()
        defer { files.remove() }
        for (name, bytes) in inputs {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any], name)
            let reason = try XCTUnwrap(object["_regression"] as? String, name)
            let path = try files.write(bytes, to: "config.json")
            XCTAssertThrowsError(try ModelConfig.load(path: path), name) { error in
                XCTAssertTrue("\(error)".contains(reason), "\(name): '\(error)' lacks '\(reason)'")
            }
        }
    }
}
