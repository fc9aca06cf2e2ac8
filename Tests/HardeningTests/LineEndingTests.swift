import Scenarios
import XCTest

/// Files written with Windows line endings: "\r\n" is a single Character in Swift, so code that
/// splits on "\n" sees one long line.
final class LineEndingTests: XCTestCase {
    func testScenarioErrorsNameTheRightLineInCRLFFiles() {
        let lines = ["[problem]", "type = \"booth\"", "", "[[optimizer]]", "type = \"adam\"", "lr = -1.0", ""]
        for separator in ["\n", "\r\n"] {
            XCTAssertThrowsError(try ScenarioLoader.parse(text: lines.joined(separator: separator), file: "crlf.toml")) { error in
                let failure = error as? ScenarioError
                XCTAssertEqual(failure?.line, 6, "\(error) with \(separator.debugDescription)")
                XCTAssertEqual(failure?.keyPath, "optimizer[1].lr")
            }
        }
    }

    func testCRLFScenarioParsesLikeTheLFOne() throws {
        for (name, text) in Corpora.shippedScenarios {
            let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
            let scenario = try ScenarioLoader.parse(text: crlf, file: name)
            let original = try ScenarioLoader.parse(text: text, file: name)
            XCTAssertEqual(scenario.optimizers, original.optimizers, name)
            XCTAssertEqual(scenario.problem.start, original.problem.start, name)
            XCTAssertEqual(scenario.settings, original.settings, name)
        }
    }

    func testNamesFilesWithCRLFReadEveryLine() throws {
        let text = "embed.weight 1000x256\r\n# comment\r\nnorm.weight 256\r\nbias ()\r\n"
        let inventory = try NamesFile.parse(text, file: "names.txt")
        XCTAssertEqual(inventory.tensors.map(\.name), ["embed.weight", "norm.weight", "bias"])
        XCTAssertEqual(inventory.tensors.map(\.shape), [[1000, 256], [256], []])
        XCTAssertThrowsError(try NamesFile.parse("a 2\r\nb 2x\r\n", file: "names.txt")) { error in
            XCTAssertEqual((error as? ModelInventoryError)?.line, 2)
        }
    }
}
