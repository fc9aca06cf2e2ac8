import Foundation
import Objectives
import XCTest

/// The symmetric log axis, kernel densities, the Jensen-Shannon distance against hand-computed
/// values and the heterogeneity of alike and unlike blocks.
final class SpectralDensityTests: XCTestCase {
    func testAxisIsSymmetricLogarithmicAndInvertible() {
        let axis = SpectralAxis(threshold: 1e-3)
        XCTAssertEqual(axis.position(of: 0), 0)
        XCTAssertEqual(axis.position(of: 999e-3), 3, accuracy: 1e-12)
        XCTAssertEqual(axis.position(of: -999e-3), -3, accuracy: 1e-12)
        for lambda in [-12.5, -1e-5, 0, 3e-4, 7, 1e6] {
            XCTAssertEqual(axis.eigenvalue(at: axis.position(of: lambda)), lambda, accuracy: 1e-12 * max(1, abs(lambda)))
        }
        XCTAssertEqual(SpectralAxis(scale: 50, decades: 6).threshold, 5e-5, accuracy: 1e-18)
        XCTAssertEqual(SpectralAxis(scale: 0, decades: 6).threshold, 1)
    }

    func testJensenShannonDistanceOfHandComputedPairs() {
        let grid = SpectralGrid(axis: SpectralAxis(threshold: 1), lower: 0, upper: 1, count: 2)
        let p = SpectralDensity(grid: grid, values: [0.2, 0.8]), q = SpectralDensity(grid: grid, values: [0.6, 0.4])
        // m = (0.4, 0.6); KL(p||m) = 0.2 log2 0.5 + 0.8 log2 (4/3) = 0.1320300;
        // KL(q||m) = 0.6 log2 1.5 + 0.4 log2 (2/3) = 0.1169925; JSD = 0.1245112; distance = sqrt.
        XCTAssertEqual(p.jensenShannonDistance(to: q), 0.3528615164390317, accuracy: 1e-12)
        XCTAssertEqual(q.jensenShannonDistance(to: p), 0.3528615164390317, accuracy: 1e-12)
        XCTAssertEqual(p.jensenShannonDistance(to: p), 0, accuracy: 1e-12)
        let four = SpectralGrid(axis: SpectralAxis(threshold: 1), lower: 0, upper: 3, count: 4)
        let a = SpectralDensity(grid: four, values: [0.5, 0.5, 0, 0]), b = SpectralDensity(grid: four, values: [0, 0.5, 0.5, 0])
        let c = SpectralDensity(grid: four, values: [0, 0, 0, 1])
        // Half the mass shared: JSD = (0.5 + 0.5) / 2 bits.
        XCTAssertEqual(a.jensenShannonDistance(to: b), 0.5.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(a.jensenShannonDistance(to: c), 1, accuracy: 1e-12, "no cell in common")
    }

    func testDensityIsNormalisedOnItsAxis() {
        let spectrum = BlockSpectrum(name: "b", size: 4, method: .exact, nodes: [-2, 0, 1e-3, 40], weights: [0.25, 0.25, 0.25, 0.25])
        let grid = SpectralGrid(covering: [spectrum], settings: SpectrumSettings())
        XCTAssertEqual(grid.count, SpectrumSettings.defaultGridSize)
        XCTAssertEqual(grid.upper, grid.axis.position(of: 40) + 4 * SpectrumSettings.defaultKernelWidth, accuracy: 1e-12)
        XCTAssertEqual(grid.lower, grid.axis.position(of: -2) - 4 * SpectrumSettings.defaultKernelWidth, accuracy: 1e-12)
        let density = SpectralDensity(spectrum, grid: grid, kernelWidth: 0.1)
        XCTAssertEqual(density.values.reduce(0, +) * grid.spacing, 1, accuracy: 1e-12)
        XCTAssertEqual(density.probabilities.reduce(0, +), 1, accuracy: 1e-12)
        // Each eigenvalue holds a quarter of the mass around its own position.
        let positions = grid.positions
        let nearTop = zip(positions, density.probabilities).filter { abs($0.0 - grid.axis.position(of: 40)) < 0.5 }.reduce(0) { $0 + $1.1 }
        XCTAssertEqual(nearTop, 0.25, accuracy: 1e-3)
        XCTAssertEqual(grid.eigenvalues.first!, grid.axis.eigenvalue(at: grid.lower), accuracy: 1e-12)
    }

    func testHeterogeneityOfAlikeAndUnlikeBlocks() throws {
        let base = BlockSpectrum(name: "a", size: 3, method: .exact, nodes: [0.1, 1, 10], weights: [1.0 / 3, 1.0 / 3, 1.0 / 3])
        let same = BlockSpectrum(name: "b", size: 3, method: .exact, nodes: [0.1, 1, 10], weights: [1.0 / 3, 1.0 / 3, 1.0 / 3])
        let alike = BlockHeterogeneity(blocks: [base, same], settings: SpectrumSettings())
        XCTAssertEqual(try XCTUnwrap(alike.meanDistance), 0, accuracy: 1e-12)
        // Shifted up a decade: two of the three eigenvalues shared. m puts 1/6, 1/3, 1/3, 1/6 on
        // the four values, KL(p||m) = KL(q||m) = (1/3) log2 2, so JSD = 1/3 bit.
        let shifted = BlockSpectrum(name: "c", size: 3, method: .exact, nodes: [1, 10, 100], weights: [1.0 / 3, 1.0 / 3, 1.0 / 3])
        let far = BlockSpectrum(name: "d", size: 3, method: .exact, nodes: [1e4, 1e5, 1e6], weights: [1.0 / 3, 1.0 / 3, 1.0 / 3])
        let full = BlockSpectrum(name: "full", size: 9, method: .exact, nodes: [0.1, 1, 10, 0.1, 1, 10, 1, 10, 100],
                                 weights: Array(repeating: 1.0 / 9, count: 9))
        // The axis resolves 4 decades below 100: the three values are two kernel widths and more apart.
        let unlike = BlockHeterogeneity(blocks: [base, same, shifted], full: full,
                                        settings: SpectrumSettings(kernelWidth: 0.05))
        XCTAssertEqual(unlike.distances[0][1], 0, accuracy: 1e-12)
        // (Up to the 3e-5 of a kernel the grid's edge cuts off at four widths.)
        XCTAssertEqual(unlike.distances[0][2], (1.0 / 3).squareRoot(), accuracy: 1e-4)
        XCTAssertEqual(unlike.distances[2][0], unlike.distances[0][2])
        XCTAssertEqual(try XCTUnwrap(unlike.meanDistance), 2 * unlike.distances[0][2] / 3, accuracy: 1e-12)
        let apart = BlockHeterogeneity(blocks: [base, far], settings: SpectrumSettings())
        XCTAssertEqual(apart.distances[0][1], 1, accuracy: 1e-4, "no eigenvalue within two decades")
        XCTAssertNotNil(unlike.fullDensity)
        XCTAssertNil(BlockHeterogeneity(blocks: [base], settings: SpectrumSettings()).meanDistance)
    }
}
