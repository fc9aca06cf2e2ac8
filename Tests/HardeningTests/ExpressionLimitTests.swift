import Objectives
import XCTest

/// Formulas of absurd size or depth: handled in linear time or refused at the right column.
final class ExpressionLimitTests: XCTestCase {
    private func refusal(_ formula: String, file: StaticString = #filePath, line: UInt = #line) -> ExpressionError? {
        do {
            _ = try ExpressionSurface(formula: formula)
            XCTFail("parsed", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    func testTenMegabyteFormulasAreHandledInLinearTime() throws {
        // Ten megabytes in few tokens: a long literal and long runs of blanks.
        let tiny = "0." + String(repeating: "0", count: 5_000_000) + "1"
        let padded = "x +" + String(repeating: " ", count: 5_000_000) + tiny + " * y"
        XCTAssertGreaterThan(padded.utf8.count, 10_000_000)
        let surface = try ExpressionSurface(formula: padded)
        XCTAssertEqual(surface.value(x: 2, y: 1), 2, "the literal underflows to zero")
        XCTAssertEqual(surface.description, "x + 0 * y")
        // A megabyte in many tokens (ObjectivesTests covers more): value and printing scale.
        let terms = 1 << 19
        let sum = try ExpressionSurface(formula: String(repeating: "x+", count: terms) + "y")
        XCTAssertEqual(sum.value(x: 1, y: 0.5), Double(terms) + 0.5)
        XCTAssertEqual(sum.description.count, terms * 4 + 1)
    }

    func testDeepParenthesesAreRefusedAtTheFirstTooDeepOne() throws {
        let limit = ExpressionSurface.maximumNesting
        let fine = String(repeating: "(", count: limit) + "x" + String(repeating: ")", count: limit)
        XCTAssertEqual(try ExpressionSurface(formula: fine).description, "x")
        let deep = String(repeating: "(", count: 1_000_000) + "x" + String(repeating: ")", count: 1_000_000)
        let error = try XCTUnwrap(refusal(deep))
        XCTAssertEqual(error.column, limit + 1)
        XCTAssertTrue(error.message.contains("nested too deeply"), error.description)
    }

    func testLongChainsOfSignsPowersAndFunctionsAreRefused() {
        for formula in [String(repeating: "-", count: 100_000) + "x",
                        String(repeating: "x^", count: 100_000) + "x",
                        String(repeating: "sin(", count: 100_000) + "x" + String(repeating: ")", count: 100_000)] {
            let error = refusal(formula)
            XCTAssertTrue(error?.message.contains("nested too deeply") ?? false, "\(String(describing: error)) for \(formula.prefix(20))")
        }
        // Unary plus pushes nothing, so any number of them is fine.
        XCTAssertEqual(try ExpressionSurface(formula: String(repeating: "+", count: 100_000) + "x").value(x: 3, y: 0), 3)
    }

    func testHugeNumbersAndNamesAreRefusedWithTheirColumn() throws {
        let digits = String(repeating: "9", count: 100_000)
        let tooLarge = try XCTUnwrap(refusal("x + " + digits))
        XCTAssertEqual(tooLarge.column, 5)
        XCTAssertTrue(tooLarge.message.contains("too large"), tooLarge.description)
        XCTAssertEqual(try ExpressionSurface(formula: "1e-400 + x").value(x: 2, y: 0), 2, "underflow is a valid zero")
        let name = String(repeating: "q", count: 100_000)
        let unknown = try XCTUnwrap(refusal("y * " + name))
        XCTAssertEqual(unknown.column, 5)
        XCTAssertTrue(unknown.message.contains("unknown name"), unknown.message.prefix(40) + "")
    }
}
