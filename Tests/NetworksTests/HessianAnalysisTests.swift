@testable import Networks
import Objectives
import OptimizerCore
import XCTest

final class HessianAnalysisTests: XCTestCase {
    func testHessianMatchesSecondDifferencesOfTheLoss() throws {
        let model = try MLP<Double>(MLPConfiguration(inputs: 2, hidden: [3], classes: 2, activation: .tanh), maximumBatch: 6)
        var generator = SeededGenerator(seed: 2)
        let parameters = model.initialParameters(generator: &generator)
        let batch = Batch(rows: 6, features: GradientCheck.random(12, seed: 3), targets: [0, 1, 1, 0, 1, 0])
        let hessian = HessianAnalysis.hessian(network: model, parameters: parameters, batch: batch)
        let n = parameters.count
        XCTAssertEqual(hessian.rows, n)
        let loss = { (p: [Double]) in model.loss(parameters: p, batch: batch).meanLoss }
        let h = 1e-4
        for i in 0..<n {
            XCTAssertEqual(hessian[i, (i + 1) % n], hessian[(i + 1) % n, i], "symmetrised")
            var plus = parameters, minus = parameters
            plus[i] += h
            minus[i] -= h
            let second = (loss(plus) - 2 * loss(parameters) + loss(minus)) / (h * h)
            XCTAssertEqual(hessian[i, i], second, accuracy: 1e-5 * max(1, abs(second)), "H[\(i), \(i)]")
        }
    }

    func testSharesOfABlockDiagonalMatrix() {
        // Two dense blocks (2 and 3 coordinates) and nothing outside them.
        var matrix = Matrix(rows: 5, columns: 5)
        for (start, size) in [(0, 2), (2, 3)] {
            for i in start..<(start + size) {
                for j in start..<(start + size) { matrix[i, j] = i == j ? 2 : 1 }
            }
        }
        XCTAssertEqual(HessianAnalysis.shareInBlocks(matrix, sizes: [2, 3]), 1, accuracy: 1e-15)
        // One block per coordinate keeps only the diagonal: 5 * 4 of 5 * 4 + 8 * 1.
        XCTAssertEqual(HessianAnalysis.shareInBlocks(matrix, sizes: [1, 1, 1, 1, 1]), 20.0 / 28.0, accuracy: 1e-15)
        let random = HessianAnalysis.shareInRandomBlocks(matrix, sizes: [2, 3], draws: 50, seed: 1)
        XCTAssertGreaterThanOrEqual(random, 20.0 / 28.0)
        XCTAssertLessThan(random, 1)
        XCTAssertEqual(random, HessianAnalysis.shareInRandomBlocks(matrix, sizes: [2, 3], draws: 50, seed: 1), "seeded")
    }
}
