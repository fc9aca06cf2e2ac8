import XCTest
@testable import Visualizer

/// Numbers in panels: never the words "nan" or "inf" on screen.
final class FormattingTests: XCTestCase {
    func testNonFiniteValuesPrintAsSymbols() {
        XCTAssertEqual(Formatting.number(.infinity), "∞")
        XCTAssertEqual(Formatting.number(-.infinity), "-∞")
        XCTAssertEqual(Formatting.number(.nan), "—")
        XCTAssertEqual(Formatting.number(-.nan), "—")
        for value in [Double.infinity, -.infinity, .nan, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude] {
            XCTAssertNil(NonFiniteText.first(in: Formatting.number(value)), "\(value)")
        }
    }

    func testFiniteValuesKeepTheirForm() {
        XCTAssertEqual(Formatting.number(0), "0")
        XCTAssertEqual(Formatting.number(1.5), "1.5")
        XCTAssertEqual(Formatting.number(5.58e23), "5.58e+23")
        XCTAssertEqual(Formatting.number(-2.5e-7), "-2.50e-07")
    }
}
