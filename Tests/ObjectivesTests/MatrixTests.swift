import Foundation
import Objectives
import XCTest

final class MatrixTests: XCTestCase {
    func testBasicOperations() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual(a.rows, 2)
        XCTAssertEqual(a.columns, 3)
        XCTAssertEqual(a[1, 2], 6, accuracy: 0)
        XCTAssertEqual(a.transpose, Matrix([[1, 4], [2, 5], [3, 6]]))
        XCTAssertEqual(a.multiply(a.transpose), Matrix([[14, 32], [32, 77]]))
        XCTAssertEqual(a * Matrix.identity(3), a)
        XCTAssertEqual(a.multiply([1, 0, -1]), [-2, -2])
        XCTAssertEqual(a.row(1), [4, 5, 6])
        XCTAssertEqual(a.column(2), [3, 6])
        XCTAssertEqual(Matrix.diagonal([2, 3]), Matrix([[2, 0], [0, 3]]))
        XCTAssertFalse(a.isSymmetric())
        XCTAssertTrue(Matrix([[1, 2], [2, 1]]).isSymmetric())
        XCTAssertFalse(Matrix([[1, 2], [2.001, 1]]).isSymmetric(tolerance: 1e-6))
        XCTAssertTrue(Matrix([[1, 2], [2 + 1e-14, 1]]).isSymmetric(tolerance: 1e-12))
    }

    func testCodableRoundTrip() throws {
        let a = Matrix([[1, 2.5], [-3, 4]])
        let decoded = try JSONDecoder().decode(Matrix.self, from: JSONEncoder().encode(a))
        XCTAssertTrue(decoded.isApproximatelyEqual(to: a, tolerance: 0))
    }

    func testSymmetricEigenReconstructsRandomMatrices() {
        for (seed, n) in [(1, 50), (2, 50), (3, 17), (4, 2), (5, 1), (6, 80)] as [(UInt64, Int)] {
            let a = randomSymmetricMatrix(size: n, seed: seed)
            let (values, vectors) = a.symmetricEigen()
            XCTAssertEqual(values.count, n)
            XCTAssertEqual(values, values.sorted(), "ascending")
            let reconstructed = vectors.multiply(Matrix.diagonal(values)).multiply(vectors.transpose)
            let scale = a.maxAbsoluteElement
            for (u, v) in zip(reconstructed.elements, a.elements) {
                XCTAssertLessThanOrEqual(abs(u - v), 1e-10 * scale, "n = \(n)")
            }
            let gram = vectors.transpose.multiply(vectors)
            XCTAssertTrue(gram.isApproximatelyEqual(to: .identity(n), tolerance: 1e-12), "orthonormal, n = \(n)")
            let valuesOnly = a.symmetricEigenvalues()
            for (u, v) in zip(valuesOnly, values) { assertClose(u, v, relative: 1e-12, absolute: 1e-12 * scale) }
        }
    }

    func testEigenvaluesOfKnownMatrices() {
        let (values, vectors) = Matrix([[2, 1], [1, 2]]).symmetricEigen()
        assertClose(values[0], 1, relative: 1e-15)
        assertClose(values[1], 3, relative: 1e-15)
        assertClose(abs(vectors[0, 1]), 1 / 2.0.squareRoot(), relative: 1e-15)

        let identity = Matrix.identity(5).symmetricEigen()
        XCTAssertTrue(identity.values.allSatisfy { abs($0 - 1) < 1e-15 })
        XCTAssertTrue(identity.vectors.transpose.multiply(identity.vectors).isApproximatelyEqual(to: .identity(5)))

        let zero = Matrix(rows: 4, columns: 4).symmetricEigen()
        XCTAssertEqual(zero.values, [0, 0, 0, 0])

        let diagonal = Matrix.diagonal([5, -1, 3, 1e-8]).symmetricEigenvalues()
        for (u, v) in zip(diagonal, [-1, 1e-8, 3, 5]) { assertClose(u, v, relative: 1e-15, absolute: 1e-15) }
        XCTAssertEqual(Matrix(rows: 0, columns: 0).symmetricEigen().values, [])
    }

    func testWidelySpreadSpectrumKeepsSmallEigenvaluesAccurate() {
        let values = (0..<40).map { pow(10, Double($0) / 39 * 8) }
        let q = randomSymmetricMatrix(size: 40, seed: 9).symmetricEigen().vectors
        let a = q.multiply(Matrix.diagonal(values)).multiply(q.transpose)
        let computed = a.symmetricEigenvalues()
        // Backward stability bounds the absolute error by about n·ε·‖A‖ = 40 · 2.2e-16 · 1e8.
        for (u, v) in zip(computed, values) { assertClose(u, v, relative: 1e-12, absolute: 1e-6) }
    }

    func testNonFiniteInputTerminates() {
        let values = Matrix([[.nan, 1], [1, 2]]).symmetricEigen().values
        XCTAssertEqual(values.count, 2)
    }
}
