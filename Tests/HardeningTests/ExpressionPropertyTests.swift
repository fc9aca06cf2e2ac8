import Objectives
import OptimizerCore
import XCTest

/// Printing and parsing agree: the canonical text parses back to itself, and every form of a
/// formula computes exactly what its tree computes.
final class ExpressionPropertyTests: XCTestCase {
    private static let points: [(Double, Double)] = {
        var random = Mutator(seed: 0xB017, dictionary: [""])
        var points: [(Double, Double)] = [(0, 0), (1, -1), (-2.5, 3), (1e-8, 1e8), (-0.0, 0.5)]
        while points.count < 40 {
            points.append((Double(random.below(2001)) / 100 - 10, Double(random.below(2001)) / 100 - 10))
        }
        return points
    }()

    func testCanonicalTextParsesBackToTheSameFormula() throws {
        var random = Mutator(seed: 0xE1, dictionary: [""])
        var nonTrivial = 0
        for _ in 0..<1200 {
            let tree = FormulaTree.random(&random, depth: 1 + random.below(7))
            let written = tree.written(&random)
            let surface = try ExpressionSurface(formula: written)
            let canonical = surface.description
            let reparsed = try ExpressionSurface(formula: canonical)
            XCTAssertEqual(reparsed.description, canonical, "print is not a fixed point for \(written)")
            XCTAssertLessThanOrEqual(canonical.filter { $0 == "(" }.count, written.filter { $0 == "(" }.count,
                                     "the canonical form adds parentheses to \(written)")
            for (x, y) in Self.points {
                let expected = tree.value(x: x, y: y)
                XCTAssertTrue(sameValue(surface.value(x: x, y: y), expected),
                              "\(written) at (\(x), \(y)): \(surface.value(x: x, y: y)) != \(expected)")
                XCTAssertTrue(sameValue(reparsed.value(x: x, y: y), expected), "\(canonical) at (\(x), \(y))")
                let jet = surface.jet(x: x, y: y), rejet = reparsed.jet(x: x, y: y)
                let parts: [KeyPath<Jet2, Double>] = [\.value, \.dx, \.dy, \.dxx, \.dxy, \.dyy]
                XCTAssertTrue(parts.allSatisfy { sameValue(jet[keyPath: $0], rejet[keyPath: $0]) },
                              "derivatives of \(written) and \(canonical) differ at (\(x), \(y))")
            }
            if canonical.count > 20 { nonTrivial += 1 }
        }
        XCTAssertGreaterThan(nonTrivial, 300, "the generator makes mostly tiny formulas")
    }

    func testMutatedFormulasEndInAValueOrALocatedError() {
        var random = Mutator(seed: 0x3A7, dictionary: ["(", ")", "^", "-", "*", "sin", "x", "1e", "1e400", ".", "..", "e-", "pi", "é", "√", " ", "\u{0}"])
        var parsed = 0, failed = 0
        for _ in 0..<3000 {
            let tree = FormulaTree.random(&random, depth: 1 + random.below(5))
            let formula = text(random.mutate(Array(tree.written(&random).utf8), rounds: 3))
            do {
                let surface = try ExpressionSurface(formula: formula)
                parsed += 1
                let canonical = surface.description
                XCTAssertEqual(try ExpressionSurface(formula: canonical).description, canonical, formula)
                let reparsed = try? ExpressionSurface(formula: canonical)
                for (x, y) in Self.points.prefix(5) {
                    XCTAssertTrue(sameValue(surface.value(x: x, y: y), reparsed?.value(x: x, y: y) ?? .nan), formula)
                }
            } catch {
                failed += 1
                XCTAssertTrue((1...formula.count + 1).contains(error.column), "column \(error.column) outside \(formula.debugDescription)")
                XCTAssertGreaterThan(error.message.count, 10, "\(error) for \(formula.debugDescription)")
            }
        }
        XCTAssertGreaterThan(parsed, 150, "mutations should leave some formulas valid")
        XCTAssertGreaterThan(failed, 1000, "mutations should break most formulas")
    }
}
