import OptimizerCore
import XCTest

/// One spelling of numbers for text output: non-finite values as `nan`, `inf`, `-inf`.
final class NumberTextTests: XCTestCase {
    func testNonFiniteValuesHaveOneSpellingInEveryPrecision() {
        XCTAssertEqual(NumberText.nonFinite(Double.nan), "nan")
        XCTAssertEqual(NumberText.nonFinite(-Double.nan), "nan", "never -nan")
        XCTAssertEqual(NumberText.nonFinite(Float.signalingNaN), "nan")
        XCTAssertEqual(NumberText.nonFinite(Float.infinity), "inf")
        XCTAssertEqual(NumberText.nonFinite(-Double.infinity), "-inf")
        XCTAssertNil(NumberText.nonFinite(0.0))
        XCTAssertNil(NumberText.nonFinite(Double.greatestFiniteMagnitude))
    }

    func testShortestReadsBackAsTheSameValue() {
        XCTAssertEqual(NumberText.shortest(0.1), "0.1")
        XCTAssertEqual(NumberText.shortest(Float(0.1)), "0.1")
        XCTAssertEqual(NumberText.shortest(-Double.nan), "nan")
        XCTAssertEqual(NumberText.shortest(-Float.infinity), "-inf")
        for x in [1e-5, 1.0 / 3, 123_456_789.125, -2.5e-300, Double.leastNonzeroMagnitude] {
            XCTAssertEqual(Double(NumberText.shortest(x)), x)
        }
    }

    func testFixedUsesTheFormatForFiniteValuesOnly() {
        XCTAssertEqual(NumberText.fixed(1.0 / 3), "0.3333")
        XCTAssertEqual(NumberText.fixed(0.000123, "%.3g"), "0.000123")
        XCTAssertEqual(NumberText.fixed(-Double.nan), "nan")
        XCTAssertEqual(NumberText.fixed(.infinity, "%.3g"), "inf")
    }

    func testHintsNameTheNearestCandidate() {
        XCTAssertEqual(NearestName.hint("adamm", in: ["adam", "adam-mini", "sgd"]), " (did you mean 'adam'?)")
        XCTAssertEqual(NearestName.hint("zzzzzzzz", in: ["adam", "sgd"]), "")
        XCTAssertEqual(NearestName.hint(suggesting: nil), "")
        XCTAssertEqual(NearestName.find("sqr", in: ["sin", "sqrt"]), "sqrt")
        XCTAssertEqual(NearestName.distance(Array("ab"), Array("ba")), 1, "a transposition is one edit")
    }
}
