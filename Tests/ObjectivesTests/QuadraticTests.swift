import Objectives
import OptimizerCore
import XCTest

final class QuadraticTests: XCTestCase {
    private let paperBlocks: [QuadraticBlockSpec] = [
        .conditioned(size: 10, condition: 2, scale: 1),
        .conditioned(size: 10, condition: 2, scale: 10),
        .eigenvalues([100, 150, 200, 120, 180]),
    ]

    private func block(_ b: Int, of quadratic: Quadratic) -> Matrix {
        let size = quadratic.blockSizes[b]
        let offset = quadratic.blockOffsets[b]
        var block = Matrix(rows: size, columns: size)
        for i in 0..<size {
            for j in 0..<size { block[i, j] = quadratic.hessianMatrix[offset + i, offset + j] }
        }
        return block
    }

    func testGenerationIsReproducibleFromTheSeed() throws {
        let first = try Quadratic.generate(blocks: paperBlocks, coupling: 0.3, seed: 11, minimum: nil)
        let again = try Quadratic.generate(blocks: paperBlocks, coupling: 0.3, seed: 11, minimum: nil)
        let other = try Quadratic.generate(blocks: paperBlocks, coupling: 0.3, seed: 12, minimum: nil)
        // The same seed must give bit-for-bit the same matrix on every run.
        XCTAssertEqual(first.hessianMatrix, again.hessianMatrix)
        XCTAssertFalse(first.hessianMatrix.isApproximatelyEqual(to: other.hessianMatrix, tolerance: 1e-6))
    }

    func testBlocksHaveTheRequestedSpectra() throws {
        let quadratic = try Quadratic.generate(blocks: paperBlocks, coupling: 0, seed: 3, minimum: nil)
        XCTAssertEqual(quadratic.blockSizes, [10, 10, 5])
        XCTAssertEqual(quadratic.blockOffsets, [0, 10, 20])
        XCTAssertEqual(quadratic.dimension, 25)
        XCTAssertTrue(quadratic.hessianMatrix.isSymmetric(tolerance: 0))
        for (b, spec) in paperBlocks.enumerated() {
            let computed = block(b, of: quadratic).symmetricEigenvalues()
            for (u, v) in zip(computed, spec.spectrum) { assertClose(u, v, relative: 1e-12) }
            assertClose(quadratic.blockLambdaMax(b), spec.spectrum.last!, relative: 1e-15)
        }
        let first = paperBlocks[0].spectrum
        assertClose(first[0], 1, relative: 1e-15)
        assertClose(first[9], 2, relative: 1e-15)
        assertClose(first[1] / first[0], first[9] / first[8], relative: 1e-12, "log-spaced")
        // Without coupling every entry outside the blocks is zero.
        XCTAssertEqual(quadratic.hessianMatrix[0, 10], 0, accuracy: 0)
        XCTAssertEqual(quadratic.hessianMatrix[24, 3], 0, accuracy: 0)
        // The blocks are dense: a rotation, not a diagonal.
        XCTAssertGreaterThan(abs(quadratic.hessianMatrix[0, 1]), 1e-3)
    }

    func testCouplingFillsOffBlockEntriesAndKeepsHPositiveDefinite() throws {
        let coupling = 0.8
        let quadratic = try Quadratic.generate(blocks: paperBlocks, coupling: coupling, seed: 5, minimum: nil)
        XCTAssertGreaterThan(abs(quadratic.hessianMatrix[0, 10]), 0)
        XCTAssertTrue(quadratic.hessianMatrix.isSymmetric(tolerance: 0))
        let smallest = quadratic.eigen.values.first!
        XCTAssertGreaterThanOrEqual(smallest, (1 - coupling) * 1 - 1e-12)
        let uncoupled = try Quadratic.generate(blocks: paperBlocks, coupling: 0, seed: 5, minimum: nil)
        for b in 0..<3 {
            XCTAssertTrue(block(b, of: quadratic).isApproximatelyEqual(to: block(b, of: uncoupled), tolerance: 0))
        }
        // The coupling's spectral norm is exactly coupling × the smallest block eigenvalue.
        var offBlock = quadratic.hessianMatrix
        for index in offBlock.elements.indices {
            offBlock.elements[index] -= uncoupled.hessianMatrix.elements[index]
        }
        let norms = offBlock.symmetricEigenvalues()
        assertClose(max(abs(norms.first!), abs(norms.last!)), coupling, relative: 1e-12)
    }

    func testValueGradientAndHessian() throws {
        let minimum = (0..<25).map { Double($0) / 10 - 1 }
        let quadratic = try Quadratic.generate(blocks: paperBlocks, coupling: 0.2, seed: 8, minimum: minimum)
        XCTAssertEqual(quadratic.minimumValue, 0)
        XCTAssertEqual(quadratic.minimumPoint, minimum)
        XCTAssertEqual(quadratic.value(at: minimum), 0, accuracy: 1e-15)
        XCTAssertTrue(quadratic.gradient(at: minimum).allSatisfy { $0 == 0 })

        var generator = SeededGenerator(seed: 1)
        let point = (0..<25).map { _ in generator.nextGaussian() }
        let (value, gradient) = quadratic.valueAndGradient(at: point)
        let displacement = zip(point, minimum).map { $0 - $1 }
        let expectedGradient = quadratic.hessianMatrix.multiply(displacement)
        let expectedValue = 0.5 * zip(displacement, expectedGradient).map { $0 * $1 }.reduce(0, +)
        assertClose(value, expectedValue, relative: 1e-13)
        assertClose(quadratic.value(at: point), expectedValue, relative: 1e-13)
        for (u, v) in zip(gradient, expectedGradient) { assertClose(u, v, relative: 1e-13, absolute: 1e-12) }

        for i in [0, 7, 13, 24] {
            var plus = point
            var minus = point
            plus[i] += 1e-4
            minus[i] -= 1e-4
            let difference = (quadratic.value(at: plus) - quadratic.value(at: minus)) / 2e-4
            assertClose(gradient[i], difference, relative: 1e-8, absolute: 1e-7)
        }
        XCTAssertEqual(quadratic.hessian(at: point), quadratic.hessianMatrix)
    }

    func testLayoutAndBlockMapFollowTheBlocks() throws {
        let quadratic = try Quadratic.generate(blocks: paperBlocks, seed: 1)
        XCTAssertEqual(quadratic.layout.tensors.map(\.name), ["block0", "block1", "block2"])
        XCTAssertEqual(quadratic.layout.tensors.map(\.shape), [[10], [10], [5]])
        XCTAssertEqual(quadratic.layout.count, 25)
        XCTAssertEqual(quadratic.blockMap.blockCount, 3)
        XCTAssertEqual(quadratic.blockMap.blockSizes, [10, 10, 5])

        let single = try Quadratic(hessian: .identity(3), minimum: [0, 0, 0], blockSizes: [])
        XCTAssertEqual(single.layout.tensors.map(\.name), ["block0"])
        XCTAssertEqual(single.blockSizes, [3])
    }

    func testEigenDecompositionIsCachedAndReconstructsH() throws {
        let quadratic = try Quadratic.generate(blocks: paperBlocks, coupling: 0.5, seed: 2)
        let (values, vectors) = quadratic.eigen
        XCTAssertEqual(values, values.sorted())
        let reconstructed = vectors.multiply(.diagonal(values)).multiply(vectors.transpose)
        XCTAssertTrue(reconstructed.isApproximatelyEqual(to: quadratic.hessianMatrix, tolerance: 1e-12))
        let copy = quadratic
        XCTAssertEqual(copy.eigen.values, values)
    }

    func testExplicitHessianIsValidated() throws {
        let h = Matrix([[2, 1, 0], [1, 2, 0], [0, 0, 5]])
        let quadratic = try Quadratic(hessian: h, minimum: [1, 2, 3], blockSizes: [2, 1])
        assertClose(quadratic.blockLambdaMax(0), 3, relative: 1e-14)
        assertClose(quadratic.blockLambdaMax(1), 5, relative: 1e-14)
        XCTAssertNoThrow(try Quadratic(hessian: .diagonal([1, 0]), minimum: [0, 0], blockSizes: [1, 1]))

        func expect(_ error: QuadraticError, _ text: String, _ build: () throws -> Quadratic) {
            do {
                _ = try build()
                XCTFail("expected \(error)")
            } catch let thrown {
                XCTAssertEqual(thrown as? QuadraticError, error)
                XCTAssertEqual(String(describing: thrown), text)
            }
        }
        expect(.notSymmetric(row: 0, column: 1, value: 1, mirrored: 1.5),
               "the Hessian must be symmetric: entry (0, 1) is 1.0 but (1, 0) is 1.5") {
            try Quadratic(hessian: Matrix([[2, 1], [1.5, 2]]), minimum: [0, 0], blockSizes: [])
        }
        expect(.notSquare(rows: 2, columns: 3), "the Hessian must be square, got 2 x 3") {
            try Quadratic(hessian: Matrix(rows: 2, columns: 3), minimum: [0, 0], blockSizes: [])
        }
        expect(.dimensionOutOfRange(0), "the dimension must be between 1 and 1000, got 0") {
            try Quadratic(hessian: Matrix(rows: 0, columns: 0), minimum: [], blockSizes: [])
        }
        expect(.invalidBlockSizes([2, 2], dimension: 3),
               "block sizes must be positive and add up to the dimension 3, got [2, 2]") {
            try Quadratic(hessian: h, minimum: [0, 0, 0], blockSizes: [2, 2])
        }
        expect(.invalidBlockSizes([4, -1], dimension: 3),
               "block sizes must be positive and add up to the dimension 3, got [4, -1]") {
            try Quadratic(hessian: h, minimum: [0, 0, 0], blockSizes: [4, -1])
        }
        expect(.minimumDimensionMismatch(expected: 3, got: 2),
               "the minimum point must have 3 coordinates (one per Hessian row), got 2") {
            try Quadratic(hessian: h, minimum: [0, 0], blockSizes: [])
        }
        expect(.nonFinite(what: "the Hessian"), "the Hessian must contain only finite numbers") {
            try Quadratic(hessian: Matrix([[.nan]]), minimum: [0], blockSizes: [])
        }
        expect(.notPositiveSemidefinite,
               "the Hessian must be positive semi-definite (no negative eigenvalues), or the quadratic has no minimum") {
            try Quadratic(hessian: Matrix([[1, 2], [2, 1]]), minimum: [0, 0], blockSizes: [])
        }
    }

    func testGenerationRejectsBadSpecifications() {
        func expect(_ error: QuadraticError, _ build: () throws -> Quadratic) {
            do {
                _ = try build()
                XCTFail("expected \(error)")
            } catch let thrown {
                XCTAssertEqual(thrown as? QuadraticError, error)
                XCTAssertFalse(String(describing: thrown).isEmpty)
            }
        }
        expect(.noBlocks) { try Quadratic.generate(blocks: [], seed: 1) }
        expect(.invalidBlock(index: 1, reason: "condition must be a finite number >= 1, got 0.5")) {
            try Quadratic.generate(blocks: [.eigenvalues([1]), .conditioned(size: 3, condition: 0.5)], seed: 1)
        }
        expect(.invalidBlock(index: 0, reason: "size must be at least 1, got 0")) {
            try Quadratic.generate(blocks: [.conditioned(size: 0, condition: 2)], seed: 1)
        }
        expect(.invalidBlock(index: 0, reason: "eigenvalues must be finite and > 0, got -1.0")) {
            try Quadratic.generate(blocks: [.eigenvalues([1, -1])], seed: 1)
        }
        expect(.invalidBlock(index: 0, reason: "scale must be a finite number > 0, got 0.0")) {
            try Quadratic.generate(blocks: [.conditioned(size: 2, condition: 2, scale: 0)], seed: 1)
        }
        expect(.invalidCoupling(1)) { try Quadratic.generate(blocks: [.eigenvalues([1])], coupling: 1, seed: 1) }
        expect(.invalidCoupling(-0.1)) {
            try Quadratic.generate(blocks: [.eigenvalues([1])], coupling: -0.1, seed: 1)
        }
        expect(.dimensionOutOfRange(1001)) {
            try Quadratic.generate(blocks: [.conditioned(size: 1001, condition: 1)], seed: 1)
        }
        expect(.minimumDimensionMismatch(expected: 2, got: 1)) {
            try Quadratic.generate(blocks: [.eigenvalues([1, 2])], seed: 1, minimum: [0])
        }
    }

    func testRandomOrthogonalIsOrthogonal() {
        var generator = SeededGenerator(seed: 4)
        let q = Matrix.randomOrthogonal(size: 30, using: &generator)
        XCTAssertTrue(q.transpose.multiply(q).isApproximatelyEqual(to: .identity(30), tolerance: 1e-13))
    }
}

final class QuadraticExampleTests: XCTestCase {
    func testHeterogeneousBlocksExampleHasThreeScaledBlocks() {
        let quadratic = Quadratic.heterogeneousBlocksExample(seed: 1)
        XCTAssertEqual(quadratic.blockSizes, [30, 30, 30])
        assertClose(quadratic.blockLambdaMax(0), 2, relative: 1e-15)
        assertClose(quadratic.blockLambdaMax(1), 20, relative: 1e-15)
        assertClose(quadratic.blockLambdaMax(2), 200, relative: 1e-15)
        let values = quadratic.eigen.values
        assertClose(values.first!, 1, relative: 1e-12)
        assertClose(values.last!, 200, relative: 1e-12)
    }
}
