import Scenarios
import XCTest

/// Absurd scenario files: each is refused with a message that names what is wrong, quickly.
final class ScenarioLimitTests: XCTestCase {
    private let optimizer = "\n[[optimizer]]\ntype = \"adam\"\n"

    private func refusal(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> ScenarioError? {
        do {
            let scenario = try ScenarioLoader.parse(text: text, file: "absurd.toml")
            XCTFail("parsed into \(scenario.problem.typeName) with \(scenario.problem.start.count) coordinates", file: file, line: line)
            return nil
        } catch {
            ScenarioInvariants.checkError(error, file: "absurd.toml", text: text, sourceFile: file, line: line)
            return error
        }
    }

    private func assertRefused(_ text: String, key: String?, mentions fragments: [String],
                               file: StaticString = #filePath, line: UInt = #line) {
        guard let error = refusal(text, file: file, line: line) else { return }
        if let key { XCTAssertEqual(error.keyPath, key, "\(error)", file: file, line: line) }
        for fragment in fragments {
            XCTAssertTrue(error.description.contains(fragment), "'\(error)' lacks '\(fragment)'", file: file, line: line)
        }
    }

    func testTrillionStepsAreRefused() {
        assertRefused("[problem]\ntype = \"booth\"\n[run]\nsteps = 1000000000000\n" + optimizer,
                      key: "run.steps", mentions: ["1000000000000", "100000000"])
    }

    func testHundredThousandDimensionalQuadraticIsRefused() {
        assertRefused("[problem]\ntype = \"quadratic\"\nblocks = [{ size = 100000 }]\n" + optimizer,
                      key: "problem.blocks[1].size", mentions: ["100000", "1000"])
        assertRefused("[problem]\ntype = \"quadratic\"\nblocks = [{ size = 600 }, { size = 600 }]\n" + optimizer,
                      key: "problem.blocks", mentions: ["1200", "1000"])
        // The row count is checked before any row is read.
        let rows = Array(repeating: "[1.0]", count: 1001).joined(separator: ",\n")
        assertRefused("[problem]\ntype = \"quadratic\"\nhessian = [\(rows)]\n" + optimizer,
                      key: "problem.hessian", mentions: ["1001 rows", "1000"])
    }

    func testBlockSizesThatOverflowWhenAddedAreRefused() {
        assertRefused("[problem]\ntype = \"quadratic\"\nhessian = [[1.0]]\nblocks = [9223372036854775807, 2]\n" + optimizer,
                      key: "problem.blocks", mentions: ["9223372036854775807"])
        assertRefused("[problem]\ntype = \"quadratic\"\nblocks = [{ size = 2 }]\n[[optimizer]]\ntype = \"adam-mini\"\npartition = [9223372036854775807, 2]\n",
                      key: "optimizer[1].partition", mentions: ["9223372036854775807"])
    }

    func testDeepNestingIsRefusedBeforeTheTOMLParser() {
        let depth = 100_000
        let arrays = "x = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        assertRefused(arrays, key: nil, mentions: ["nest"])
        let tables = "x = " + String(repeating: "{ a = ", count: depth) + "1" + String(repeating: " }", count: depth) + "\n"
        assertRefused(tables, key: nil, mentions: ["nest"])
        let dotted = String(repeating: "a.", count: depth) + "a = 1\n"
        assertRefused(dotted, key: nil, mentions: ["nest"])
        let header = "[" + String(repeating: "a.", count: depth) + "a]\n"
        assertRefused(header, key: nil, mentions: ["nest"])
    }

    func testModerateNestingStillParsesAsTOML() {
        // Real scenarios nest two or three levels; twenty is well inside the limit and reaches the
        // validator, which names the unknown key.
        let nested = "x = " + String(repeating: "[", count: 20) + String(repeating: "]", count: 20) + "\n"
        assertRefused("[problem]\ntype = \"booth\"\n" + optimizer + nested, key: "optimizer[1].x", mentions: ["unknown key 'x'"])
    }

    func testHugeTextIsRefusedBySize() {
        let padding = String(repeating: "# padding\n", count: (5 << 20) / 10)
        assertRefused("[problem]\ntype = \"booth\"\n" + optimizer + padding, key: nil, mentions: ["bytes", "\(ScenarioLoader.maximumFileBytes)"])
    }

    func testTenMegabyteFormulaIsRefusedOrHandled() {
        // Inside a file the size limit applies first; the formula parser's own handling of huge
        // input is tested in ExpressionLimitTests.
        let formula = String(repeating: "x+", count: 5 << 20) + "y"
        assertRefused("[problem]\ntype = \"expression\"\nf = \"\(formula)\"\n" + optimizer, key: nil, mentions: ["bytes"])
    }

    func testViewWiderThanTheLargestDoubleIsRefused() {
        assertRefused("[problem]\ntype = \"booth\"\nstart = \"random\"\nview = { x = [-1e308, 1e308], y = [0.0, 1.0] }\n" + optimizer,
                      key: "problem.view", mentions: ["view.x"])
    }

    func testNaNAndInfiniteNumbersAreRefusedByKey() {
        assertRefused("[problem]\ntype = \"booth\"\nstart = [nan, 1.0]\n" + optimizer, key: "problem.start", mentions: ["nan"])
        assertRefused("[problem]\ntype = \"booth\"\nnoise = inf\n" + optimizer, key: "problem.noise", mentions: ["inf"])
        assertRefused("[problem]\ntype = \"booth\"\n[run]\nseed = nan\n" + optimizer, key: "run.seed", mentions: ["nan"])
        assertRefused("[problem]\ntype = \"booth\"\n[[optimizer]]\ntype = \"adam\"\nlr = nan\n", key: "optimizer[1].lr", mentions: ["lr"])
    }
}

/// Inputs that made toml++ abort on an internal assertion: refused before it sees them, at their line.
final class TOMLAssertionTests: XCTestCase {
    func testInputsThatTripTOMLPlusPlusAssertionsAreRefusedAtTheirLine() {
        let cases: [(String, Int, String)] = [
            ("[problem]\ntype = \"booth\"\n[é]\n", 3, "table header"),
            ("[[}optimizer]]\n", 1, "table header"),
            ("[problem]\n[\n", 2, "table header"),
            ("\u{FEFF}[ }\n", 1, "table header"),
            ("x = [1, }\n", 1, "'}' where a list expects a value"),
            ("x = [\n  # comment\n  }\n", 3, "'}' where a list expects a value"),
            ("x = { a = [}] }\n", 1, "'}' where a list expects a value"),
        ]
        for (text, line, fragment) in cases {
            XCTAssertThrowsError(try ScenarioLoader.parse(text: text, file: "t.toml")) { error in
                XCTAssertEqual((error as? ScenarioError)?.line, line, "\(error) for \(text.debugDescription)")
                XCTAssertTrue("\(error)".contains(fragment), "\(error) for \(text.debugDescription)")
            }
        }
        // Look-alikes that toml++ handles itself still reach it and get its message.
        for text in ["x = [1, ]\nx = {", "a = \"[}\"\n", "# [}\n", "x = \"\"\"\n[}\"\"\"\n[problem]\n"] {
            XCTAssertThrowsError(try ScenarioLoader.parse(text: text, file: "t.toml")) { error in
                XCTAssertFalse("\(error)".contains("where a list expects") || "\(error)".contains("must start with a name"), "\(error)")
            }
        }
    }
}
