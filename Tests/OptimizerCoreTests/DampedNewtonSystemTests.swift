import OptimizerCore
import XCTest

final class DampedNewtonSystemTests: XCTestCase {
    func testSolvesAHandComputedSystem() throws {
        // [[4, 1], [1, 3]] d = [1, 2]: det 11, d = [(3 - 2) / 11, (8 - 1) / 11] = [1/11, 7/11].
        let d = try DampedNewtonSystem.solve(hessian: [4, 1, 1, 3], gradient: [1, 2], damping: 0)
        XCTAssertEqual(d[0], 1.0 / 11, accuracy: 1e-15)
        XCTAssertEqual(d[1], 7.0 / 11, accuracy: 1e-15)
    }

    func testDampingIsAddedToTheDiagonalAndPivotingHandlesAZeroLeadingEntry() throws {
        // H = [[0, 2], [2, 0]] (indefinite, zero first pivot), damping 1: [[1, 2], [2, 1]], det -3,
        // d = [(1·3 - 2·6) / -3, (1·6 - 2·3) / -3] = [3, 0] for g = [3, 6].
        let d = try DampedNewtonSystem.solve(hessian: [0, 2, 2, 0], gradient: [3, 6], damping: 1)
        XCTAssertEqual(d[0], 3, accuracy: 1e-14)
        XCTAssertEqual(d[1], 0, accuracy: 1e-14)
    }

    func testASingularSystemSaysSoAndNamesTheCure() {
        XCTAssertThrowsError(try DampedNewtonSystem.solve(hessian: [1, 2, 2, 4], gradient: [1, 1], damping: 0)) { error in
            let singular = error as? DampedNewtonSystem.Singular
            XCTAssertEqual(singular?.column, 1)
            XCTAssertTrue("\(error)".contains("damping > 0"), "\(error)")
        }
        // The same matrix damped is regular.
        XCTAssertNoThrow(try DampedNewtonSystem.solve(hessian: [1, 2, 2, 4], gradient: [1, 1], damping: 0.1))
    }
}
