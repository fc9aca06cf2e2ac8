import Objectives
import OptimizerCore
import XCTest

final class ExpressionParserTests: XCTestCase {
    private func assertError(
        _ formula: String, column: Int, _ message: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        do {
            let surface = try ExpressionSurface(formula: formula)
            XCTFail("'\(formula)' parsed as \(surface.description)", file: file, line: line)
        } catch {
            XCTAssertEqual(error.column, column, "'\(formula)': \(error)", file: file, line: line)
            XCTAssertEqual(error.message, message, "'\(formula)'", file: file, line: line)
            XCTAssertEqual(error.description, "column \(column): \(message)", file: file, line: line)
        }
    }

    private let operandList = "a number, x, y, pi, e, a function or '('"

    func testErrorsCarryColumnAndMessage() {
        assertError("", column: 1, "empty formula: expected an expression in x and y, e.g. x^2 + y^2")
        assertError("   ", column: 1, "empty formula: expected an expression in x and y, e.g. x^2 + y^2")
        assertError("x*(y+1", column: 7, "expected ')' to close '(' at column 3")
        assertError("((x)", column: 5, "expected ')' to close '(' at column 1")
        assertError("x +", column: 4, "expected \(operandList) after '+', found end of formula")
        assertError("x^", column: 3, "expected \(operandList) after '^', found end of formula")
        assertError("x + * y", column: 5, "expected \(operandList) after '+', found '*'")
        assertError(")", column: 1, "expected \(operandList), found ')'")
        assertError("x)", column: 2, "unexpected ')' without a matching '('")
        assertError("2x", column: 2, "unexpected 'x' after a complete expression (write '*' to multiply)")
        assertError("x y", column: 3, "unexpected 'y' after a complete expression (write '*' to multiply)")
        assertError("(x)(y)", column: 4, "unexpected '(' after a complete expression (write '*' to multiply)")
        assertError("1e", column: 2, "unexpected 'e' after a complete expression (write '*' to multiply)")
        assertError("x $ y", column: 3, "unexpected '$' after a complete expression")
        assertError("(x, y)", column: 3, "expected ')' to close '(' at column 1, found ','")
        assertError("sin x", column: 1, "function 'sin' must be followed by '(' as in sin(x)")
        assertError("1 + sin()", column: 9, "function 'sin' needs an argument, as in sin(x)")
        assertError("()", column: 2, "empty parentheses: expected an expression inside '( )'")
        assertError("1e+", column: 1, "malformed number '1e+': the exponent needs digits, as in 1e-3")
        assertError("2 * 1.2.3", column: 5, "malformed number '1.2.3': a number has at most one '.'")
        assertError(".", column: 1, "malformed number '.': expected digits, as in 0.5 or .5")
        assertError("1e999", column: 1, "number '1e999' is too large (the largest is about 1.8e308)")
        assertError("π * x", column: 1, "expected \(operandList), found 'π'")
        assertError("é + x + #", column: 1, "expected \(operandList), found 'é'")
        assertError("x + é", column: 5, "expected \(operandList) after '+', found 'é'")
        assertError("xé", column: 2, "unexpected 'é' after a complete expression")
    }

    func testUnknownNamesSuggestTheNearestValidOne() {
        let valid = "valid names: x, y, pi, e, sin, cos, tan, exp, log, sqrt, abs, tanh, sinh, cosh"
        assertError("sine(x)", column: 1, "unknown name 'sine'; did you mean 'sin'? \(valid)")
        assertError("x + cosh(y) * sqr(x)", column: 15, "unknown name 'sqr'; did you mean 'sqrt'? \(valid)")
        assertError("Pi", column: 1, "unknown name 'Pi'; did you mean 'pi'? \(valid)")
        assertError("banana", column: 1, "unknown name 'banana'; \(valid)")
    }

    func testCanonicalPrinting() throws {
        let cases: [(String, String)] = [
            ("x+y*2", "x + y * 2"), ("(x+y)*2", "(x + y) * 2"), ("x-(y-1)", "x - (y - 1)"),
            ("(x-y)-1", "x - y - 1"), ("x/(y*2)", "x / (y * 2)"), ("2^(3^x)", "2^3^x"),
            ("(2^3)^x", "(2^3)^x"), ("-(x^2)", "-x^2"), ("(-x)^2", "(-x)^2"), ("sin( x )", "sin(x)"),
            ("2.50", "2.5"), ("1e3", "1000"), ("1e-5", "1e-05"), ("-(x+y)", "-(x + y)"),
            ("-(x*y)", "-(x * y)"), ("(-x)*y", "-x * y"), ("x*(-y)", "x * -y"), ("x^(-y)", "x^-y"),
            ("2^(x+1)", "2^(x + 1)"), ("+x", "x"), ("pi*e", "pi * e"), ("--x", "--x"),
            ("x - (-y)", "x - -y"), ("exp(-(x^2+y^2)/2)", "exp(-(x^2 + y^2) / 2)"),
        ]
        for (formula, printed) in cases {
            XCTAssertEqual(try ExpressionSurface(formula: formula).description, printed, formula)
        }
    }

    func testPrintingRoundTripsOnRandomFormulas() throws {
        var generator = SeededGenerator(seed: 42)
        let points = randomPoints(in: .square(halfWidth: 3), count: 20, seed: 7)
        for _ in 0..<300 {
            let formula = randomFormula(depth: 4, using: &generator)
            let original = try ExpressionSurface(formula: formula)
            let reparsed = try ExpressionSurface(formula: original.description)
            XCTAssertEqual(reparsed.description, original.description, formula)
            for point in points {
                let a = original.value(x: point[0], y: point[1])
                let b = reparsed.value(x: point[0], y: point[1])
                if a.isNaN || b.isNaN {
                    XCTAssertTrue(a.isNaN && b.isNaN, "\(formula) at \(point): \(a) vs \(b)")
                } else if a.isInfinite || b.isInfinite {
                    XCTAssertTrue(a == b, "\(formula) at \(point): \(a) vs \(b)")
                } else {
                    assertClose(b, a, relative: 1e-14, "\(formula) at \(point)")
                }
            }
        }
    }

    func testDeepNestingEndsInAValueOrAClearError() throws {
        let fine = String(repeating: "(", count: 150) + "x" + String(repeating: ")", count: 150)
        assertClose(try ExpressionSurface(formula: fine).value(x: 2, y: 0), 2, relative: 0)

        let limit = ExpressionSurface.maximumNesting
        XCTAssertEqual(limit, 200)
        let message = "formula nested too deeply: at most 200 parentheses, signs and powers may be open at once"
        let parentheses = String(repeating: "(", count: 10_000) + "x" + String(repeating: ")", count: 10_000)
        assertError(parentheses, column: 201, message)
        assertError(String(repeating: "-", count: 10_000) + "x", column: 201, message)
        let powers = Array(repeating: "x", count: 10_000).joined(separator: "^")
        assertError(powers, column: 402, message)
        let functions = String(repeating: "sin(", count: 5_000) + "x" + String(repeating: ")", count: 5_000)
        assertError(functions, column: 801, message)
    }

    func testMegabyteFormulasEndInAValueOrAClearError() throws {
        let terms = 140_000
        let long = Array(repeating: "x * y", count: terms).joined(separator: " + ")
        XCTAssertGreaterThan(long.utf8.count, 1 << 20)
        let surface = try ExpressionSurface(formula: long)
        assertClose(surface.value(x: 0.5, y: 3), Double(terms) * 1.5, relative: 1e-12)
        let jet = surface.jet(x: 0.5, y: 3)
        assertClose(jet.dx, Double(terms) * 3, relative: 1e-12)
        XCTAssertEqual(surface.description, long)

        assertError(long + " +", column: long.count + 3, "expected \(operandList) after '+', found end of formula")
    }

    /// A random formula over every operator and function, written with full parentheses so the
    /// canonical printer has to decide which ones to drop.
    private func randomFormula(depth: Int, using generator: inout SeededGenerator) -> String {
        let leaves = ["x", "y", "2", "0.5", "pi", "e", "3", "1e-2"]
        if depth == 0 || generator.nextUniform() < 0.2 {
            return leaves[Int(generator.next() % UInt64(leaves.count))]
        }
        let functions = ["sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh", "sinh", "cosh"]
        switch generator.next() % 8 {
        case 0:
            return "(-" + randomFormula(depth: depth - 1, using: &generator) + ")"
        case 1:
            let name = functions[Int(generator.next() % UInt64(functions.count))]
            return name + "(" + randomFormula(depth: depth - 1, using: &generator) + ")"
        default:
            let operators = ["+", "-", "*", "/", "^", "^"]
            let symbol = operators[Int(generator.next() % UInt64(operators.count))]
            let left = randomFormula(depth: depth - 1, using: &generator)
            let right = randomFormula(depth: depth - 1, using: &generator)
            return "(" + left + symbol + right + ")"
        }
    }
}
