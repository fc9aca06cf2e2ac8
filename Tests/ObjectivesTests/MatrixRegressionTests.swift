import Objectives
import OptimizerCore
import XCTest

final class MatrixRegressionTests: XCTestCase {
    /// N = 4 samples of m = 2 inputs, n = 3 targets.
    private let inputs = Matrix([[1, 2], [0, 1], [-1, 0.5], [2, -1]])
    private let targets = Matrix([[1, 0, 2], [0.5, -1, 0], [1, 1, 1], [-2, 0.25, 3]])

    /// f(W) written out the slow way: 1/(2N) Σ_s Σ_j ((X W)_sj − Y_sj)².
    private func directLoss(_ w: [Double], _ x: Matrix, _ y: Matrix) -> Double {
        let n = y.columns
        var total = 0.0
        for s in 0..<x.rows {
            for j in 0..<n {
                var prediction = 0.0
                for i in 0..<x.columns { prediction += x[s, i] * w[i * n + j] }
                total += (prediction - y[s, j]) * (prediction - y[s, j])
            }
        }
        return total / Double(2 * x.rows)
    }

    func testLayoutIsOneTensorWithTheWeightsShape() throws {
        let problem = try MatrixRegression(inputs: inputs, targets: targets)
        XCTAssertEqual(problem.layout.tensors.map(\.name), ["weight"])
        XCTAssertEqual(problem.layout.tensors[0].shape, [2, 3])
        XCTAssertEqual(problem.dimension, 6)
        XCTAssertEqual(problem.sampleCount, 4)
    }

    func testValueGradientAndHessianAgreeWithDirectFormulasAndDifferences() throws {
        let problem = try MatrixRegression(inputs: inputs, targets: targets)
        let w = [0.3, -0.7, 1.1, 0.2, 0.5, -1.3]
        assertClose(problem.value(at: w), directLoss(w, inputs, targets), relative: 1e-14)
        let (value, gradient) = problem.valueAndGradient(at: w)
        assertClose(value, directLoss(w, inputs, targets), relative: 1e-14)
        for k in 0..<w.count {
            let difference = richardsonDerivative(at: w[k], step: 1e-3) { t in
                var shifted = w
                shifted[k] = t
                return directLoss(shifted, inputs, targets)
            }
            assertClose(gradient[k], difference, relative: 1e-9, "df/dw\(k)")
        }
        let hessian = problem.hessian(at: w)
        for k in 0..<w.count {
            for l in 0..<w.count {
                let difference = richardsonDerivative(at: w[l], step: 1e-3) { t in
                    var shifted = w
                    shifted[l] = t
                    return problem.gradient(at: shifted)[k]
                }
                assertClose(hessian[k, l], difference, relative: 1e-9, "H[\(k), \(l)]")
            }
        }
    }

    func testHessianIsTheGramMatrixKroneckerIdentityInRowMajorOrder() throws {
        let problem = try MatrixRegression(inputs: inputs, targets: targets)
        let n = 3
        let h = problem.hessian(at: Array(repeating: 0, count: 6))
        for i in 0..<2 {
            for k in 0..<2 {
                var gram = 0.0
                for s in 0..<4 { gram += inputs[s, i] * inputs[s, k] }
                gram /= 4
                for j in 0..<n {
                    for l in 0..<n {
                        XCTAssertEqual(h[i * n + j, k * n + l], j == l ? gram : 0, accuracy: 1e-15)
                    }
                }
            }
        }
    }

    func testMinimumSolvesTheNormalEquations() throws {
        let problem = try MatrixRegression(inputs: inputs, targets: targets)
        let star = problem.minimumPoint
        for g in problem.gradient(at: star) { XCTAssertEqual(g, 0, accuracy: 1e-13) }
        assertClose(problem.minimumValue!, directLoss(star, inputs, targets), relative: 1e-14)
        // f is its quadratic model plus the residual everywhere.
        let w = [1.0, 2, -3, 0.5, 0, 4]
        assertClose(problem.value(at: w), problem.quadratic.value(at: w) + problem.minimumValue!, relative: 1e-12)
        XCTAssertGreaterThan(problem.value(at: w), problem.minimumValue!)
    }

    func testSingularInputsGiveTheLeastNormMinimiser() throws {
        // The second input is twice the first: X^T X is singular, many W fit equally well.
        let x = Matrix([[1, 2], [2, 4], [-1, -2]])
        let y = Matrix([[1], [2], [-1]])
        let problem = try MatrixRegression(inputs: x, targets: y)
        // Least norm: W ∝ (1, 2) with 1·w0 + 2·w1 = 1, so W = (0.2, 0.4); the fit is exact.
        XCTAssertEqual(problem.minimumPoint[0], 0.2, accuracy: 1e-12)
        XCTAssertEqual(problem.minimumPoint[1], 0.4, accuracy: 1e-12)
        XCTAssertEqual(problem.minimumValue!, 0, accuracy: 1e-15)
    }

    func testGeneratedInputsHaveTheRequestedSpectrum() throws {
        let problem = try MatrixRegression.generate(samples: 50, rows: 4, columns: 3, condition: 1000, noise: 0.1, seed: 9)
        let gram = problem.hessian(at: Array(repeating: 0, count: 12))
        // The distinct eigenvalues of (X^T X / N) ⊗ I_3 are those of X^T X / N, each three times.
        let values = gram.symmetricEigenvalues()
        let expected: [Double] = [1e-3, 1e-2, 1e-1, 1].flatMap { (value: Double) -> [Double] in Array(repeating: value, count: 3) }
        for (u, v) in zip(values, expected) { assertClose(u, v, relative: 1e-10) }
        XCTAssertEqual(problem.layout.tensors[0].shape, [4, 3])
        XCTAssertGreaterThan(problem.minimumValue!, 0, "noise leaves a residual")
        let again = try MatrixRegression.generate(samples: 50, rows: 4, columns: 3, condition: 1000, noise: 0.1, seed: 9)
        XCTAssertEqual(problem.inputs, again.inputs, "the same seed gives the same data")
        XCTAssertEqual(problem.targets, again.targets)
        let noiseless = try MatrixRegression.generate(samples: 50, rows: 4, columns: 3, condition: 1000, noise: 0, seed: 9)
        XCTAssertEqual(noiseless.minimumValue!, 0, accuracy: 1e-20)
    }

    func testInvalidDataIsRejectedWithAReason() {
        XCTAssertThrowsError(try MatrixRegression(inputs: inputs, targets: Matrix([[1, 2]]))) {
            XCTAssertEqual($0 as? MatrixRegressionError, .sampleCountMismatch(inputs: 4, targets: 1))
        }
        XCTAssertThrowsError(try MatrixRegression(inputs: Matrix([[Double.nan]]), targets: Matrix([[1]]))) {
            XCTAssertEqual($0 as? MatrixRegressionError, .nonFinite(what: "inputs"))
        }
        XCTAssertThrowsError(try MatrixRegression.generate(samples: 3, rows: 4, columns: 2, seed: 1)) {
            XCTAssertEqual($0 as? MatrixRegressionError, .tooFewSamples(samples: 3, rows: 4))
        }
        XCTAssertThrowsError(try MatrixRegression.generate(samples: 100, rows: 40, columns: 40, seed: 1)) {
            XCTAssertEqual($0 as? MatrixRegressionError, .shapeOutOfRange(rows: 40, columns: 40))
            XCTAssertTrue("\($0)".contains("at most 1000 entries"))
        }
        XCTAssertThrowsError(try MatrixRegression.generate(samples: 10, rows: 2, columns: 2, condition: 0.5, seed: 1))
    }
}
