@testable import OptimizerCore
import XCTest

/// The "columns" partition: one Adam-mini block per column, blocks strided in the buffer.
final class ColumnPartitionTests: XCTestCase {
    private func gaussians<T: BinaryFloatingPoint>(_ count: Int, seed: UInt64, as _: T.Type = T.self) -> [T] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in T(generator.nextGaussian()) }
    }

    /// Row-major [rows, columns] to [columns, rows].
    private func transposed<T>(_ values: [T], rows: Int, columns: Int) -> [T] {
        (0..<(rows * columns)).map { index in values[(index % rows) * columns + index / rows] }
    }

    func testMapHasOneStridedBlockPerColumn() throws {
        let layout = ParameterLayout([("w", [4, 3]), ("b", [5]), ("conv", [2, 2, 3])])
        let map = try PartitionStrategy.columns.blockMap(for: layout)
        XCTAssertEqual(map.blockCount, 3 + 1 + 3)
        XCTAssertEqual(map.blockSizes, [4, 4, 4, 5, 4, 4, 4])
        XCTAssertFalse(map.isContiguous)
        XCTAssertEqual(map.runs.map(\.interleaved), [true, false, true])
        // w is 4x3: element (i, j) at 3i + j belongs to column j.
        XCTAssertEqual(map.block(containing: 0), 0)
        XCTAssertEqual(map.block(containing: 4), 1)
        XCTAssertEqual(map.block(containing: 11), 2)
        XCTAssertEqual(map.block(containing: 12), 3)
        XCTAssertEqual(map.block(containing: 17), 4)
        XCTAssertEqual(map.block(containing: 28), 6)
        XCTAssertEqual(Array(map.coordinatesInBlockOrder.prefix(8)), [0, 3, 6, 9, 1, 4, 7, 10])
        XCTAssertEqual(map.blockOfCoordinate.count, layout.count)
        XCTAssertEqual(Set(map.coordinatesInBlockOrder), Set(0..<layout.count))
        // In block order the blocks follow one another: block numbers never go down.
        let blocksInOrder = map.coordinatesInBlockOrder.map { map.blockOfCoordinate[$0] }
        XCTAssertEqual(blocksInOrder, blocksInOrder.sorted())
        for coordinate in 0..<layout.count { XCTAssertEqual(map.blockOfCoordinate[coordinate], map.block(containing: coordinate)) }
        XCTAssertEqual(PartitionStrategy.columns.name, "columns")
        XCTAssertTrue(PartitionStrategy.names.contains("columns"))
    }

    func testSingleColumnOrSingleRowIsContiguous() throws {
        let map = try PartitionStrategy.columns.blockMap(for: ParameterLayout([("a", [1, 6]), ("b", [6, 1])]))
        XCTAssertTrue(map.isContiguous)
        XCTAssertEqual(map.blockSizes, [1, 1, 1, 1, 1, 1, 6])
    }

    /// Adam-mini with one block per column of W takes the same steps as with one block per row of
    /// W^T, in both precisions, with weight decay, on a shape whose rows are not a multiple of the
    /// vector width.
    func testColumnsOfAMatrixAreTheRowsOfItsTranspose() throws {
        try check(Double.self, tolerance: 1e-13)
        try check(Float.self, tolerance: 2e-6)
    }

    private func check<T: OptimizerScalar & BinaryFloatingPoint>(_: T.Type, tolerance: Double) throws {
        let rows = 13, columns = 19
        var columnsRun = OptimizerConfiguration(kind: .adamMini, partition: .columns)
        try columnsRun.set("weight_decay", to: .real(0.1))
        try columnsRun.set("lr", to: .real(0.01))
        var rowsRun = columnsRun
        rowsRun.partition = .rows
        var byColumns = try columnsRun.makeOptimizer(T.self, layout: ParameterLayout([("w", [rows, columns])]))
        var byRows = try rowsRun.makeOptimizer(T.self, layout: ParameterLayout([("w", [columns, rows])]))
        var w: [T] = gaussians(rows * columns, seed: 3)
        var wT = transposed(w, rows: rows, columns: columns)
        for step in 0..<25 {
            let g: [T] = gaussians(rows * columns, seed: 40 + UInt64(step))
            byColumns.step(parameters: &w, gradients: g)
            byRows.step(parameters: &wT, gradients: transposed(g, rows: rows, columns: columns))
        }
        let expected = transposed(wT, rows: columns, columns: rows)
        for i in w.indices {
            XCTAssertEqual(Double(w[i]), Double(expected[i]), accuracy: tolerance * max(1, abs(Double(expected[i]))), "\(T.self) element \(i)")
        }
        // eta per coordinate follows the columns.
        let eta = byColumns.stepSizes()
        XCTAssertEqual(eta.distinctLearningRates, columns)
        let perCoordinate = eta.perCoordinate
        for i in 0..<rows {
            for j in 0..<columns { XCTAssertEqual(perCoordinate[i * columns + j], eta.stepSizes[j], accuracy: 0) }
        }
    }

    /// The formula written out per block, over explicit index sets, in Double; 11 columns take
    /// one vector of 8 and a tail of 3 along each row.
    func testMatchesThePerBlockFormula() throws {
        let rows = 9, columns = 11, steps = 12
        let lr = 0.02, beta1 = 0.9, beta2 = 0.999, eps = 1e-8
        var configuration = OptimizerConfiguration(kind: .adamMini, partition: .columns)
        try configuration.set("lr", to: .real(lr))
        var optimizer = try configuration.makeOptimizer(Double.self, layout: ParameterLayout([("w", [rows, columns])]))
        var p: [Double] = gaussians(rows * columns, seed: 8)
        var reference = p
        var m = [Double](repeating: 0, count: rows * columns), v = [Double](repeating: 0, count: columns)
        for t in 1...steps {
            let g: [Double] = gaussians(rows * columns, seed: 900 + UInt64(t))
            optimizer.step(parameters: &p, gradients: g)
            for j in 0..<columns {
                let indices = (0..<rows).map { $0 * columns + j }
                let meanSquare = indices.map { g[$0] * g[$0] }.reduce(0, +) / Double(rows)
                v[j] = beta2 * v[j] + (1 - beta2) * meanSquare
                let h = v[j].squareRoot() / (1 - Double.pow(beta2, Double(t))).squareRoot() + eps
                let stepSize = (1 / h) * (1 / (1 - Double.pow(beta1, Double(t))))
                for i in indices {
                    m[i] += (g[i] - m[i]) * (1 - beta1)
                    reference[i] -= lr * (m[i] * stepSize)
                }
            }
        }
        for i in p.indices { XCTAssertEqual(p[i], reference[i], accuracy: 1e-13 * max(1, abs(reference[i])), "element \(i)") }
    }

    /// A step big enough to be shared by two threads, whose column blocks are cut into bands of
    /// columns, gives the same bits on one thread and on two, and on two threads the same steps as
    /// one block per row of the transposed weights.
    func testBandsOfColumnsOnTwoThreads() throws {
        let rows = 300, columns = 400
        let layout = ParameterLayout([("a", [rows, columns]), ("bias", [columns])])
        XCTAssertGreaterThanOrEqual(layout.count, Parallelism.minimumParallelCount)
        let map = try PartitionStrategy.columns.blockMap(for: layout)
        XCTAssertGreaterThan(AdamMiniChunk.chunks(of: map).count, 2, "the weight's columns are cut into bands")
        WorkerPool.shared.takesSlicesBack = false
        defer {
            Parallelism.threadCount = 0
            WorkerPool.shared.takesSlicesBack = true
        }
        let gradients: [[Float]] = (0..<3).map { gaussians(layout.count, seed: 70 + UInt64($0)) }
        var results: [[Float]] = []
        for threads in [1, 2] {
            Parallelism.threadCount = threads
            var optimizer = try OptimizerConfiguration(kind: .adamMini, partition: .columns).makeOptimizer(Float.self, layout: layout)
            var x: [Float] = gaussians(layout.count, seed: 5)
            for g in gradients { optimizer.step(parameters: &x, gradients: g) }
            results.append(x)
        }
        XCTAssertTrue(results[0].elementsEqual(results[1]) { $0.bitPattern == $1.bitPattern })

        let transposedLayout = ParameterLayout([("a", [columns, rows]), ("bias", [columns])])
        var byRows = try OptimizerConfiguration(kind: .adamMini, partition: .rows).makeOptimizer(Float.self, layout: transposedLayout)
        let start: [Float] = gaussians(layout.count, seed: 5)
        let weights = rows * columns
        func transposeWeight(_ v: [Float], _ r: Int, _ c: Int) -> [Float] { transposed(Array(v[..<weights]), rows: r, columns: c) + v[weights...] }
        var x = transposeWeight(start, rows, columns)
        for g in gradients { byRows.step(parameters: &x, gradients: transposeWeight(g, rows, columns)) }
        let expected = transposeWeight(x, columns, rows)
        var worst = 0.0
        for i in expected.indices { worst = max(worst, abs(Double(results[1][i]) - Double(expected[i])) / max(1, abs(Double(expected[i])))) }
        XCTAssertLessThan(worst, 2e-6)
    }

    /// Block-GD steps each column block with its own rate, scale / lambda_max of that block.
    func testBlockGDUsesEachColumnsCurvature() throws {
        let layout = ParameterLayout([("w", [2, 3])])
        let configuration = OptimizerConfiguration(kind: .blockGD, partition: .columns)
        var optimizer = try configuration.makeOptimizer(Double.self, layout: layout, curvatures: { map in
            (0..<map.blockCount).map { Double($0 + 1) }
        })
        var p = [Double](repeating: 0, count: 6)
        optimizer.step(parameters: &p, gradients: [1, 1, 1, 1, 1, 1])
        let rates = [1, 0.5, 1.0 / 3, 1, 0.5, 1.0 / 3]
        let eta = optimizer.stepSizes().perCoordinate
        for i in 0..<6 {
            XCTAssertEqual(p[i], -rates[i], accuracy: 1e-15, "column \(i % 3) moves by 1 / (column + 1)")
            XCTAssertEqual(eta[i], rates[i], accuracy: 1e-15)
        }
    }
}
