import Foundation
import Objectives
import OptimizerCore
import XCTest

/// Lanczos's lambda_max against the dense symmetric eigensolver: random (indefinite) matrices,
/// clustered and repeated spectra, tiny sizes, an iteration bound smaller than the dimension.
final class LanczosTests: XCTestCase {
    private func assertMatchesDense(_ matrix: Matrix, _ label: String, relative: Double = 1e-8,
                                    file: StaticString = #filePath, line: UInt = #line) throws -> LanczosEstimate {
        let dense = try XCTUnwrap(matrix.symmetricEigenvalues().last, file: file, line: line)
        let estimate = try XCTUnwrap(Lanczos.largestEigenvalue(of: matrix), label, file: file, line: line)
        let scale = max(abs(dense), matrix.maxAbsoluteElement)
        XCTAssertLessThanOrEqual(abs(estimate.value - dense), relative * scale, "\(label): \(estimate.value) against \(dense)",
                                 file: file, line: line)
        XCTAssertTrue(estimate.converged, label, file: file, line: line)
        XCTAssertLessThanOrEqual(estimate.residual, 1e-6 * scale, label, file: file, line: line)
        return estimate
    }

    func testRandomIndefiniteMatrices() throws {
        for (seed, n) in [(1, 1), (2, 2), (3, 7), (4, 40), (5, 200)] as [(UInt64, Int)] {
            _ = try assertMatchesDense(randomSymmetricMatrix(size: n, seed: seed), "random n = \(n)")
        }
    }

    func testNegativeDefiniteMatrixGivesItsLargestAlgebraicEigenvalue() throws {
        let matrix = Matrix.diagonal([-5, -3, -1.5, -20])
        let estimate = try assertMatchesDense(rotated(matrix, seed: 9), "negative definite")
        XCTAssertEqual(estimate.value, -1.5, accuracy: 1e-12)
    }

    func testRepeatedAndClusteredSpectra() throws {
        // A repeated top eigenvalue makes the Krylov space invariant early; a cluster near the top
        // makes convergence slow. Both must still give lambda_max.
        let repeated = rotated(Matrix.diagonal(Array(repeating: 3.0, count: 30) + Array(repeating: 1.0, count: 30)), seed: 4)
        let early = try assertMatchesDense(repeated, "two repeated eigenvalues")
        XCTAssertLessThanOrEqual(early.iterations, 3)
        let clustered = (0..<300).map { 100 * pow(2.0, Double($0) / 299) }
        _ = try assertMatchesDense(rotated(Matrix.diagonal(clustered), seed: 5), "300 log-spaced eigenvalues in [100, 200]")
        _ = try assertMatchesDense(Matrix.diagonal(clustered), "diagonal")
    }

    func testIterationBoundIsRespected() throws {
        let spectrum = (0..<300).map { 1 + Double($0) * 1e-4 }
        let matrix = rotated(Matrix.diagonal(spectrum), seed: 6)
        let estimate = try XCTUnwrap(Lanczos.largestEigenvalue(of: matrix, maximumIterations: 5))
        XCTAssertEqual(estimate.iterations, 5)
        XCTAssertFalse(estimate.converged)
        XCTAssertLessThanOrEqual(estimate.value, spectrum.last! + 1e-12, "a Ritz value never exceeds lambda_max")
        XCTAssertGreaterThanOrEqual(estimate.value, spectrum.first!)
    }

    func testEmptyAndZeroOperators() throws {
        XCTAssertNil(Lanczos.largestEigenvalue(dimension: 0) { _, _ in })
        let zero = try XCTUnwrap(Lanczos.largestEigenvalue(of: Matrix(rows: 5, columns: 5)))
        XCTAssertEqual(zero.value, 0, accuracy: 0)
        XCTAssertTrue(zero.converged)
    }

    private func rotated(_ diagonal: Matrix, seed: UInt64) -> Matrix {
        var generator = SeededGenerator(seed: seed)
        let q = Matrix.randomOrthogonal(size: diagonal.rows, using: &generator)
        return q.multiply(diagonal).multiply(q.transpose)
    }
}
