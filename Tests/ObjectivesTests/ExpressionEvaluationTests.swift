import Foundation
import Objectives
import XCTest

final class ExpressionEvaluationTests: XCTestCase {
    private func value(_ formula: String, x: Double = 0, y: Double = 0) throws -> Double {
        try ExpressionSurface(formula: formula).value(x: x, y: y)
    }

    func testPrecedenceAndAssociativity() throws {
        let cases: [(String, Double)] = [
            ("1 + 2 * 3", 7), ("(1 + 2) * 3", 9), ("10 - 4 - 3", 3), ("8 / 4 / 2", 1),
            ("2^3^2", 512), ("(2^3)^2", 64), ("-2^2", -4), ("(-2)^2", 4), ("2^-1", 0.5),
            ("2^-1^2", 0.5), ("-2 * 3^2", -18), ("2 * -3", -6), ("--2", 2), ("+3", 3),
            ("2 - -3", 5), ("6 / 2 * 3", 9), ("1 - 2 + 3", 2), ("-3^2 + 1", -8), ("2^-2*3", 0.75),
            ("sin(0) + cos(0)", 1), ("exp(0)*2^2", 4), ("sqrt(16)^2", 16), ("abs(-3) - 3", 0),
        ]
        for (formula, expected) in cases {
            assertClose(try value(formula), expected, relative: 1e-15, "\(formula)")
        }
        assertClose(try value("-x^2", x: 3), -9, relative: 1e-15)
        assertClose(try value("x^y", x: 2, y: 10), 1024, relative: 1e-15)
        assertClose(try value("x*y - y/x", x: 4, y: 2), 7.5, relative: 1e-15)
    }

    func testNumbersAndConstants() throws {
        let cases: [(String, Double)] = [
            ("1", 1), ("2.5", 2.5), (".5", 0.5), ("5.", 5), ("1e-3", 0.001), ("2E+4", 20000),
            ("1.5e2", 150), ("007", 7), ("pi", Double.pi), ("e", M_E), ("2*pi", 2 * Double.pi),
        ]
        for (formula, expected) in cases {
            assertClose(try value(formula), expected, relative: 1e-15, formula)
        }
    }

    func testEveryFunctionEvaluatesLikeTheCLibrary() throws {
        let x = 0.37
        let cases: [(String, Double)] = [
            ("sin(x)", sin(x)), ("cos(x)", cos(x)), ("tan(x)", tan(x)), ("exp(x)", exp(x)),
            ("log(x)", log(x)), ("sqrt(x)", x.squareRoot()), ("abs(-x)", x), ("tanh(x)", tanh(x)),
            ("sinh(x)", sinh(x)), ("cosh(x)", cosh(x)),
        ]
        for (formula, expected) in cases {
            assertClose(try value(formula, x: x), expected, relative: 1e-15, formula)
        }
    }

    func testDerivativesOfFormulasMatchFiniteDifferences() throws {
        let formulas = [
            "x^2 + 10*y^2",
            "sin(x) * cos(y)",
            "tan(0.25*x) - y",
            "exp(sin(x) * cos(y))",
            "log(x^2 + y^2 + 1)",
            "sqrt(x^2 + 2*y^2 + 1)",
            "abs(x*y - 30)",
            "tanh(x*y/4)",
            "sinh(0.5*x) * cosh(0.3*y)",
            "(x^2 + 1)^(0.5*y)",
            "2^x / (1 + y^2)",
            "x^3 - 3*x*y^2",
            "(y^2 + 1)^-2 + x/(1 + y^2)",
            "-x^2 + e^(-y^2) * pi",
            "(1 - x)^2 + 100*(y - x^2)^2",
        ]
        for (index, formula) in formulas.enumerated() {
            let surface = try ExpressionSurface(formula: formula)
            for point in randomPoints(in: surface.viewBox, count: 25, seed: 1000 + UInt64(index)) {
                assertDerivativesMatchFiniteDifferences(of: surface, at: point, label: formula)
            }
        }
    }

    func testFormulaAgreesWithTheNamedSurface() throws {
        let formula = try ExpressionSurface(formula: "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2")
        let beale = try Surface.named("beale")
        for point in randomPoints(in: beale.viewBox, count: 30, seed: 5) {
            let a = formula.jet(x: point[0], y: point[1])
            let b = beale.jet(x: point[0], y: point[1])
            for (u, v) in [(a.value, b.value), (a.dx, b.dx), (a.dy, b.dy), (a.dxx, b.dxx), (a.dxy, b.dxy), (a.dyy, b.dyy)] {
                assertClose(u, v, relative: 1e-11, absolute: 1e-9, "beale at \(point)")
            }
        }
    }

    func testAbsHasZeroDerivativeAtZero() throws {
        let jet = try ExpressionSurface(formula: "abs(x) + abs(y)").jet(x: 0, y: 0)
        XCTAssertEqual(jet.dx, 0, accuracy: 0)
        XCTAssertEqual(jet.dy, 0, accuracy: 0)
        XCTAssertEqual(jet.dxx, 0, accuracy: 0)
    }

    func testPowersOfNegativeBasesWithIntegerExponents() throws {
        let cube = try ExpressionSurface(formula: "x^3").jet(x: -2, y: 0)
        assertClose(cube.value, -8, relative: 1e-15)
        assertClose(cube.dx, 12, relative: 1e-15)
        assertClose(cube.dxx, -12, relative: 1e-15)
        let linear = try ExpressionSurface(formula: "x^1 + y^0").jet(x: 0, y: 0)
        XCTAssertEqual(linear.dx, 1, accuracy: 0)
        XCTAssertEqual(linear.dxx, 0, accuracy: 0)
        XCTAssertEqual(linear.dy, 0, accuracy: 0)
    }

    func testSurfaceProperties() throws {
        var surface = try ExpressionSurface(formula: "x^2+y^2")
        XCTAssertEqual(surface.formula, "x^2+y^2")
        XCTAssertEqual(surface.description, "x^2 + y^2")
        XCTAssertEqual(surface.viewBox, ViewBox(x: -5...5, y: -5...5))
        XCTAssertNil(surface.minimumValue)
        XCTAssertEqual(surface.layout.tensors.map(\.name), ["xy"])
        XCTAssertTrue(surface.viewBox.contains(x: surface.defaultStart[0], y: surface.defaultStart[1]))
        surface.viewBox = ViewBox(x: 0...1, y: -2...2)
        XCTAssertEqual(surface.viewBox.x, 0...1)
        let boxed = try ExpressionSurface(formula: "x", viewBox: .square(halfWidth: 2))
        XCTAssertEqual(boxed.viewBox, ViewBox(x: -2...2, y: -2...2))
    }
}
