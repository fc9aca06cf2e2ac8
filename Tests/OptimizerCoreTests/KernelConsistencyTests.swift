@testable import OptimizerCore
import XCTest

/// The vector lanes, the scalar tail and every thread count compute the same numbers.
final class KernelConsistencyTests: XCTestCase {
    private let configurations: [OptimizerConfiguration] = {
        // Adafactor and Muon couple a tensor's coordinates (RMS, row statistics, orthogonalisation)
        // and are checked against torch in MatrixOptimizerGoldenTests; Newton and block-GD need a Hessian.
        let elementwise = OptimizerKind.allCases.filter { ![.blockGD, .newton, .adafactor, .muon].contains($0) }
        var list = elementwise.map { OptimizerConfiguration(kind: $0) }
        var centered = OptimizerConfiguration(kind: .rmsprop)
        try! centered.set("centered", to: .flag(true))
        try! centered.set("momentum", to: .real(0.9))
        var amsgrad = OptimizerConfiguration(kind: .adamw)
        try! amsgrad.set("amsgrad", to: .flag(true))
        var decayed = OptimizerConfiguration(kind: .adam)
        try! decayed.set("weight_decay", to: .real(0.1))
        var coordinateMini = OptimizerConfiguration(kind: .adamMini, partition: .coordinate)
        try! coordinateMini.set("weight_decay", to: .real(0.1))
        list += [centered, amsgrad, decayed, coordinateMini]
        return list
    }()

    private func randomVector(_ count: Int, seed: UInt64) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in Float(generator.nextGaussian()) }
    }

    /// Elementwise optimizers treat every coordinate alone: running 37 coordinates together
    /// (lanes + tail) must equal running each one by itself (tail only), bit for bit.
    func testLanesEqualScalarTail() throws {
        let count = 37
        for configuration in configurations where configuration.kind != .adamMini || configuration.partition == .coordinate {
            let layout = ParameterLayout(single: "w", count: count)
            var together = try configuration.makeOptimizer(Float.self, layout: layout)
            var x = randomVector(count, seed: 1)
            var alone = try (0..<count).map { _ in try configuration.makeOptimizer(Float.self, layout: ParameterLayout(single: "w", count: 1)) }
            var xAlone = x.map { [$0] }
            for step in 0..<4 {
                let g = randomVector(count, seed: 100 + UInt64(step))
                together.step(parameters: &x, gradients: g)
                for i in 0..<count { alone[i].step(parameters: &xAlone[i], gradients: [g[i]]) }
            }
            for i in 0..<count {
                XCTAssertEqual(x[i].bitPattern, xAlone[i][0].bitPattern, "\(configuration.kind) coordinate \(i)")
            }
        }
    }

    /// Exactness is the point: one and two threads split the same elementwise work.
    func testOneAndTwoThreadsAgree() throws {
        let layout = ParameterLayout([
            ("model.embed_tokens.weight", [64, 256]), ("model.layers.0.self_attn.q_proj.weight", [256, 256]),
            ("model.layers.0.mlp.up_proj.weight", [100, 256]), ("model.norm.weight", [256]),
        ])
        let official = PartitionStrategy.official(AdamMiniNameRules(dim: 256, heads: 8))
        // Every slice on its own thread, even one the caller would finish before a worker wakes.
        WorkerPool.shared.takesSlicesBack = false
        defer {
            Parallelism.threadCount = 0
            WorkerPool.shared.takesSlicesBack = true
        }
        for configuration in configurations {
            var results: [[Float]] = []
            for threads in [1, 2] {
                Parallelism.threadCount = threads
                var optimizer = try configuration.makeOptimizer(Float.self, layout: layout, defaultPartition: official)
                var x = randomVector(layout.count, seed: 7)
                for step in 0..<2 {
                    optimizer.step(parameters: &x, gradients: randomVector(layout.count, seed: 50 + UInt64(step)))
                }
                results.append(x)
            }
            XCTAssertGreaterThanOrEqual(layout.count, Parallelism.minimumParallelCount)
            XCTAssertTrue(results[0].elementsEqual(results[1]) { $0.bitPattern == $1.bitPattern }, "\(configuration.kind)")
        }
    }
}
