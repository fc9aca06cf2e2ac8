import Foundation
import Objectives
import OptimizerCore
import XCTest

/// Stochastic Lanczos quadrature against exact eigenvalues of matrices with known spectra, the
/// exact path for small blocks, block-diagonal pieces, determinism across thread counts and
/// stopping.
final class SpectrumTests: XCTestCase {
    /// Q diag(values) Q^T with a seeded random orthogonal Q.
    private func matrix(withEigenvalues values: [Double], seed: UInt64) -> Matrix {
        var generator = SeededGenerator(seed: seed)
        let q = Matrix.randomOrthogonal(size: values.count, using: &generator)
        return q.multiply(Matrix.diagonal(values)).multiply(q.transpose)
    }

    /// An indefinite spectrum like a network's: a bulk near zero of both signs, a few outliers.
    private func networkLikeSpectrum(count: Int, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { i in
            if i < 5 { return 20 + 10 * Double(i) }
            if i < 15 { return -0.5 * Double(i - 4) }
            return 0.3 * generator.nextGaussian()
        }
    }

    private func exactMoment(_ values: [Double], _ k: Int) -> Double {
        values.reduce(0) { $0 + Foundation.pow($1, Double(k)) } / Double(values.count)
    }

    func testLanczosMomentsMatchTheKnownSpectrum() throws {
        let values = networkLikeSpectrum(count: 400, seed: 3)
        let a = matrix(withEigenvalues: values, seed: 4)
        for reorthogonalise in [true, false] {
            let settings = SpectrumSettings(lanczosSteps: 60, probes: 40, reorthogonalise: reorthogonalise, exactLimit: 0, seed: 11)
            let spectrum = try XCTUnwrap(SpectrumEstimator.spectra(
                of: SymmetricOperator(a), blocks: [SpectrumBlock(name: "A", range: 0..<400)], settings: settings)?.first)
            XCTAssertEqual(spectrum.method, .lanczos)
            XCTAssertEqual(spectrum.weights.reduce(0, +), 1, accuracy: 1e-12)
            let scale = values.map(abs).max()!
            // Moments up to 2 * steps - 1 are exact per probe; what is left is the probes' sampling
            // error, about sqrt(2 / (n * probes)) of the second moment of the quantity averaged.
            for k in 1...4 {
                let exact = exactMoment(values, k)
                let tolerance = 0.05 * Foundation.pow(scale, Double(k)) / Foundation.pow(Double(values.count), 0.5)
                XCTAssertEqual(spectrum.moment(k), exact, accuracy: tolerance,
                               "moment \(k), reorthogonalise \(reorthogonalise)")
            }
            // Extreme Ritz values converge first: lambda_max and lambda_min to many digits.
            XCTAssertEqual(spectrum.lambdaMax, values.max()!, accuracy: 1e-8 * scale)
            XCTAssertEqual(spectrum.lambdaMin, values.min()!, accuracy: 1e-6 * scale)
            XCTAssertLessThanOrEqual(spectrum.lambdaMax, values.max()! * (1 + 1e-12))
        }
    }

    func testLanczosDensityIsCloseToTheExactDensity() throws {
        let values = (0..<500).map { 1e-3 * Foundation.pow(1e5, Double($0) / 499) }
        let a = matrix(withEigenvalues: values, seed: 8)
        let block = SpectrumBlock(name: "log-spaced", range: 0..<500)
        let lanczos = try XCTUnwrap(SpectrumEstimator.spectra(
            of: SymmetricOperator(a), blocks: [block], settings: SpectrumSettings(exactLimit: 0, seed: 2))?.first)
        let exact = try XCTUnwrap(SpectrumEstimator.spectra(
            of: SymmetricOperator(a), blocks: [block], settings: SpectrumSettings())?.first)
        XCTAssertEqual(exact.method, .exact)
        for (computed, known) in zip(exact.nodes, values) { XCTAssertEqual(computed, known, accuracy: 1e-9 * 100) }
        let both = BlockHeterogeneity(blocks: [lanczos, exact], settings: SpectrumSettings())
        // Eigenvalues evenly spread over five decades: on the log axis a flat density, which ten
        // probes of 100 steps reproduce up to sampling noise (0.023 with this seed).
        XCTAssertLessThan(try XCTUnwrap(both.meanDistance), 0.05)
        let positions = both.grid.positions
        func mean(_ d: SpectralDensity) -> Double { zip(positions, d.probabilities).reduce(0) { $0 + $1.0 * $1.1 } }
        XCTAssertEqual(mean(both.densities[0]), mean(both.densities[1]), accuracy: 0.1)
    }

    func testEnoughStepsFromOneProbeGiveEveryEigenvalue() throws {
        let values: [Double] = [-3, -1, 0.5, 2, 7, 11]
        let a = matrix(withEigenvalues: values, seed: 1)
        let settings = SpectrumSettings(lanczosSteps: 100, probes: 1, exactLimit: 0)
        let spectrum = try XCTUnwrap(SpectrumEstimator.spectra(of: SymmetricOperator(a), blocks: [SpectrumBlock(name: "A", range: 0..<6)],
                                                                settings: settings)?.first)
        XCTAssertEqual(spectrum.nodes.count, 6)
        for (ritz, value) in zip(spectrum.nodes, values) { XCTAssertEqual(ritz, value, accuracy: 1e-10) }
    }

    func testExactBlocksFromProductsAndPiecesAreTheUnionOfTheirSpectra() throws {
        let first: [Double] = [1, 2, 3], second: [Double] = [-4, 10]
        var a = Matrix(rows: 7, columns: 7)
        let m1 = matrix(withEigenvalues: first, seed: 5), m2 = matrix(withEigenvalues: second, seed: 6)
        for i in 0..<3 { for j in 0..<3 { a[i, j] = m1[i, j] } }
        for i in 0..<2 { for j in 0..<2 { a[3 + i, 3 + j] = m2[i, j] } }
        // Coupling outside the pieces, which the block-diagonal block must ignore.
        for i in 0..<7 { for j in 0..<7 where (i < 3) != (j < 3) && i < 5 && j < 5 { a[i, j] = 0.7 } }
        a[5, 5] = 100
        let coupled = a
        let matrixBacked = SymmetricOperator(coupled)
        let products = SymmetricOperator(dimension: 7, workers: 4) { x, y, _ in coupled.multiply(x, into: y) }
        let block = SpectrumBlock(name: "two pieces", pieces: [0..<3, 3..<5])
        for op in [matrixBacked, products] {
            let spectrum = try XCTUnwrap(SpectrumEstimator.spectra(of: op, blocks: [block], settings: SpectrumSettings())?.first)
            XCTAssertEqual(spectrum.method, .exact)
            XCTAssertEqual(spectrum.size, 5)
            for (computed, known) in zip(spectrum.nodes, (first + second).sorted()) { XCTAssertEqual(computed, known, accuracy: 1e-12) }
            XCTAssertEqual(spectrum.weights, Array(repeating: 0.2, count: 5))
            XCTAssertNil(spectrum.condition, "lambda_min = -4: not a condition number")
        }
        // Lanczos over pieces drawn by size: every Ritz value is an eigenvalue of one piece.
        let sampled = try XCTUnwrap(SpectrumEstimator.spectra(of: products, blocks: [block],
                                                               settings: SpectrumSettings(probes: 50, exactLimit: 0))?.first)
        XCTAssertEqual(sampled.method, .lanczos)
        for node in sampled.nodes { XCTAssertTrue((first + second).contains { abs($0 - node) < 1e-9 }, "\(node)") }
        XCTAssertEqual(sampled.moment(1), (first + second).reduce(0, +) / 5, accuracy: 1.5)
    }

    func testResultsDoNotDependOnTheNumberOfWorkers() throws {
        let a = matrix(withEigenvalues: networkLikeSpectrum(count: 120, seed: 9), seed: 10)
        let op = SymmetricOperator(dimension: 120, workers: 8) { x, y, _ in a.multiply(x, into: y) }
        let blocks = [SpectrumBlock(name: "all", range: 0..<120), SpectrumBlock(name: "head", range: 0..<50),
                      SpectrumBlock(name: "tail", range: 50..<120)]
        let settings = SpectrumSettings(lanczosSteps: 30, probes: 5, exactLimit: 60, seed: 4)
        let one = SpectrumEstimator.spectra(of: op, blocks: blocks, settings: settings, workers: 1)
        let four = SpectrumEstimator.spectra(of: op, blocks: blocks, settings: settings, workers: 4)
        XCTAssertEqual(one, four)
        XCTAssertEqual(one?.map(\.method), [.lanczos, .exact, .lanczos])
    }

    func testProgressCountsProductsAndCanStop() {
        let a = matrix(withEigenvalues: (1...80).map(Double.init), seed: 2)
        let op = SymmetricOperator(dimension: 80, workers: 2) { x, y, _ in a.multiply(x, into: y) }
        let settings = SpectrumSettings(lanczosSteps: 20, probes: 3, exactLimit: 10)
        let blocks = [SpectrumBlock(name: "big", range: 0..<80), SpectrumBlock(name: "small", range: 0..<10)]
        let seen = ProgressLog()
        XCTAssertNotNil(SpectrumEstimator.spectra(of: op, blocks: blocks, settings: settings) { seen.record($0); return true })
        XCTAssertEqual(seen.last, SpectrumProgress(completed: 70, total: 70), "3 runs of 20 steps and 10 columns")
        let stopped = SpectrumEstimator.spectra(of: op, blocks: blocks, settings: settings) { _ in false }
        XCTAssertNil(stopped)
    }

    func testSettingsProblemsNameTheSetting() {
        XCTAssertNil(SpectrumSettings().problem)
        XCTAssertEqual(SpectrumSettings(probes: 0).problem, "probes 0: give 1 or more")
        XCTAssertNotNil(SpectrumSettings(kernelWidth: -1).problem)
        XCTAssertNotNil(SpectrumSettings(gridSize: 1).problem)
        XCTAssertNotNil(SpectrumSettings(lanczosSteps: 0).problem)
    }
}

/// Progress reports collected from whichever thread made them.
private final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [SpectrumProgress] = []

    func record(_ report: SpectrumProgress) {
        lock.lock()
        reports.append(report)
        lock.unlock()
    }

    var last: SpectrumProgress? {
        lock.lock()
        defer { lock.unlock() }
        return reports.last
    }
}
