import Networks
import Objectives
import OptimizerCore
import XCTest

/// Hessian-vector products against the full Hessian on a small MLP and a tiny transformer, and
/// blockwise spectra of a network against the eigenvalues of its Hessian's diagonal blocks.
final class NetworkCurvatureTests: XCTestCase {
    /// A tanh MLP on spirals and a transformer on modular addition, at seeded weights (the
    /// transformer's norm weights moved off 1 so that nothing is special about them).
    private func networks(workers: Int = 2) throws -> [(String, NetworkCurvature)] {
        let spirals = try TaskConfiguration.spirals(points: 40, noise: 0.02).makeTask(seed: 1, asTokens: false)
        let mlp = ModelConfiguration.mlp(MLPConfiguration(inputs: 2, hidden: [5, 4], classes: spirals.classes, activation: .tanh))
        let modadd = try TaskConfiguration.modularAddition(modulus: 4, trainFraction: 0.75).makeTask(seed: 2, asTokens: true)
        guard case let .tokens(vocabulary, context) = modadd.input else { throw XCTSkip("modadd reads tokens") }
        let transformer = ModelConfiguration.transformer(TransformerConfiguration(
            vocabulary: vocabulary, context: context, dim: 4, layers: 1, heads: 2, kvHeads: 1, hidden: 6))
        var result: [(String, NetworkCurvature)] = []
        for (name, model, task) in [("mlp", mlp, spirals), ("transformer", transformer, modadd)] as [(String, ModelConfiguration, any TrainingTask)] {
            var generator = SeededGenerator(seed: 7)
            let network = try model.makeNetwork(Double.self, maximumBatch: 1)
            let parameters = network.initialParameters(generator: &generator).map { $0 + 0.05 * generator.nextGaussian() }
            result.append((name, try NetworkCurvature(model: model, task: task, parameters: parameters, maximumExamples: 6, workers: workers)))
        }
        return result
    }

    private func norm(_ x: [Double]) -> Double { x.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    func testHessianVectorProductsMatchTheFullHessian() throws {
        for (name, curvature) in try networks() {
            let hessian = curvature.hessian()
            let n = curvature.parameters.count
            XCTAssertEqual(hessian.rows, n)
            var generator = SeededGenerator(seed: 5)
            for (trial, scale) in [1.0, 1e-3, 250].enumerated() {
                let v = (0..<n).map { _ in scale * generator.nextGaussian() }
                let expected = hessian.multiply(v)
                for worker in 0..<curvature.workers {
                    let product = curvature.hessianOperator.apply(v, worker: worker)
                    let error = norm(zip(product, expected).map { $0 - $1 })
                    XCTAssertLessThanOrEqual(error, 1e-6 * norm(expected), "\(name), vector \(trial), worker \(worker)")
                }
            }
            // A vector inside one tensor: the column block of that tensor times it.
            let tensor = curvature.layout.tensors[1]
            var v = [Double](repeating: 0, count: n)
            for i in tensor.range { v[i] = Double(i % 7) - 3 }
            let error = norm(zip(curvature.hessianOperator.apply(v), hessian.multiply(v)).map { $0 - $1 })
            XCTAssertLessThanOrEqual(error, 1e-6 * norm(hessian.multiply(v)), "\(name), \(tensor.name)")
            XCTAssertEqual(curvature.hessianOperator.apply([Double](repeating: 0, count: n)), [Double](repeating: 0, count: n))
        }
    }

    func testFullHessianDoesNotDependOnTheNumberOfWorkers() throws {
        let one = try networks(workers: 1), three = try networks(workers: 3)
        for ((name, a), (_, b)) in zip(one, three) {
            XCTAssertEqual(a.hessian(), b.hessian(), name)
            XCTAssertEqual(a.loss, b.loss, name)
        }
    }

    func testBlocksByTensorAndByAdamMinisOfficialBlocks() throws {
        let (_, transformer) = try networks()[1]
        let tensors = try transformer.spectrumBlocks(.tensor)
        XCTAssertEqual(tensors.map(\.name), transformer.layout.tensors.map(\.name))
        XCTAssertEqual(tensors.map(\.pieces), transformer.layout.tensors.map { [$0.range] })
        let official = try transformer.spectrumBlocks(.official)
        XCTAssertEqual(official.map(\.name), transformer.layout.tensors.map(\.name))
        XCTAssertEqual(official.map(\.size), transformer.layout.tensors.map(\.count))
        let query = try XCTUnwrap(official.first { $0.name.hasSuffix("q_proj.weight") })
        XCTAssertEqual(query.pieces.count, 2, "one block per query head")
        let embedding = try XCTUnwrap(official.first { $0.name.hasSuffix("embed_tokens.weight") })
        XCTAssertEqual(embedding.pieces.count, transformer.layout.tensors[0].shape[0], "one block per token")
    }

    func testExactBlockSpectraAreTheEigenvaluesOfTheHessiansDiagonalBlocks() throws {
        for (name, curvature) in try networks() {
            let hessian = SymmetricOperator(curvature.hessian())
            guard let heterogeneity = try curvature.blockSpectra(.official, settings: SpectrumSettings()) else {
                return XCTFail("not stopped")
            }
            let blocks = try curvature.spectrumBlocks(.official)
            for (block, spectrum) in zip(blocks, heterogeneity.blocks) {
                XCTAssertEqual(spectrum.method, .exact)
                let expected = block.pieces.flatMap { hessian.restricted(to: $0).matrix!.symmetricEigenvalues() }.sorted()
                let scale = max(expected.map(abs).max() ?? 0, 1e-12)
                for (a, b) in zip(spectrum.nodes, expected) { XCTAssertEqual(a, b, accuracy: 1e-6 * scale, "\(name) \(block.name)") }
            }
            let full = try XCTUnwrap(heterogeneity.full)
            XCTAssertEqual(full.size, curvature.parameters.count)
            XCTAssertEqual(full.lambdaMax, hessian.matrix!.symmetricEigenvalues().last!, accuracy: 1e-6 * abs(full.lambdaMax))
            XCTAssertEqual(heterogeneity.distances.count, blocks.count)
        }
    }

    func testLanczosOnHessianVectorProductsFindsTheExtremeEigenvalues() throws {
        let (_, transformer) = try networks()[1]
        let exact = try XCTUnwrap(try transformer.blockSpectra(.tensor, settings: SpectrumSettings()))
        let lanczos = try XCTUnwrap(try transformer.blockSpectra(.tensor, settings: SpectrumSettings(lanczosSteps: 30, probes: 2, reorthogonalise: true, exactLimit: 0)))
        for (e, l) in zip(exact.blocks + [exact.full!], lanczos.blocks + [lanczos.full!]) {
            XCTAssertEqual(l.method, .lanczos)
            let scale = max(abs(e.lambdaMax), abs(e.lambdaMin))
            XCTAssertEqual(l.lambdaMax, e.lambdaMax, accuracy: 1e-6 * scale, e.name)
            XCTAssertEqual(l.lambdaMin, e.lambdaMin, accuracy: e.size <= 30 ? 1e-6 * scale : 0.2 * scale, e.name)
            XCTAssertEqual(l.moment(1), e.moment(1), accuracy: 0.5 * scale, e.name)
        }
    }
}
