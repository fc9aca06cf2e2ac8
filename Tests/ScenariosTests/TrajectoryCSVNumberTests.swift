import Scenarios
import XCTest

/// The CSV of `descent run` spells every number so that it reads back, non-finite ones included.
final class TrajectoryCSVNumberTests: XCTestCase {
    func testCSVSpellsNonFiniteNumbersOneWay() {
        XCTAssertEqual(TrajectoryCSV.number(-Double.nan), "nan")
        XCTAssertEqual(TrajectoryCSV.number(Double.nan), "nan")
        XCTAssertEqual(TrajectoryCSV.number(Float.infinity), "inf")
        XCTAssertEqual(TrajectoryCSV.number(-Double.infinity), "-inf")
        XCTAssertEqual(TrajectoryCSV.number(0.1), "0.1")
        XCTAssertEqual(TrajectoryCSV.row(label: "a", step: 3, loss: -.nan, parameters: [Float.nan, -.infinity]), "a,3,nan,nan,-inf\n")
    }
}
