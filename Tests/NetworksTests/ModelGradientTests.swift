@testable import Networks
import OptimizerCore
import XCTest

/// Whole-model gradients against central differences of the whole model's loss, in Double.
final class ModelGradientTests: XCTestCase {
    func testTransformerWithGroupedQueryHeads() throws {
        let configuration = TransformerConfiguration(vocabulary: 7, context: 4, dim: 8, layers: 2, heads: 2, kvHeads: 1, hidden: 12)
        let model = try Transformer<Double>(configuration, maximumBatch: 3)
        var generator = SeededGenerator(seed: 3)
        // Perturb the norm weights away from 1 so their gradients are generic.
        let parameters = model.initialParameters(generator: &generator).map { $0 + 0.1 * generator.nextGaussian() }
        let batch = Batch(rows: 2, tokens: [1, 5, 2, 6, 0, 3, 3, 4], targets: [5, 2, -1, 1, 3, -1, 4, 0])
        let (result, gradients) = model.lossAndGradients(parameters: parameters, batch: batch)
        XCTAssertEqual(result.counted, 6)
        let numeric = GradientCheck.numeric({ model.loss(parameters: $0, batch: batch).meanLoss }, at: parameters)
        GradientCheck.assertClose(gradients, numeric, tolerance: 1e-6, "transformer")
        // Every tensor receives gradient.
        for tensor in model.layout.tensors {
            XCTAssertGreaterThan(gradients[tensor.range].map(abs).max()!, 0, tensor.name)
        }
    }

    func testTransformerLayoutUsesLlamaNames() throws {
        let configuration = TransformerConfiguration(vocabulary: 10, context: 3, dim: 16, layers: 1, heads: 4, kvHeads: 2, hidden: 24)
        let layout = Transformer<Float>.layout(configuration)
        XCTAssertEqual(layout.tensors.map(\.name), [
            "model.embed_tokens.weight",
            "model.layers.0.self_attn.q_proj.weight", "model.layers.0.self_attn.k_proj.weight",
            "model.layers.0.self_attn.v_proj.weight", "model.layers.0.self_attn.o_proj.weight",
            "model.layers.0.mlp.gate_proj.weight", "model.layers.0.mlp.up_proj.weight", "model.layers.0.mlp.down_proj.weight",
            "model.layers.0.input_layernorm.weight", "model.layers.0.post_attention_layernorm.weight",
            "model.norm.weight", "lm_head.weight",
        ])
        XCTAssertEqual(layout["model.layers.0.self_attn.k_proj.weight"]?.shape, [8, 16])
        // The official rules: 4 query heads, 2 key heads, one block per row elsewhere, norms whole.
        let map = try Transformer<Float>(configuration, maximumBatch: 1).defaultPartition.blockMap(for: layout)
        XCTAssertEqual(map.blockCount, 10 + 4 + 2 + 8 + 16 + 24 + 24 + 16 + 1 + 1 + 1 + 10)
    }

    func testMLPEveryActivation() throws {
        for activation in Activation.allCases {
            let model = try MLP<Double>(MLPConfiguration(inputs: 3, hidden: [5, 4], classes: 3, activation: activation), maximumBatch: 4)
            var generator = SeededGenerator(seed: 4)
            let parameters = model.initialParameters(generator: &generator)
            let batch = Batch(rows: 4, features: GradientCheck.random(12, seed: 5), targets: [0, 2, 1, 2])
            let (_, gradients) = model.lossAndGradients(parameters: parameters, batch: batch)
            let numeric = GradientCheck.numeric({ model.loss(parameters: $0, batch: batch).meanLoss }, at: parameters)
            GradientCheck.assertClose(gradients, numeric, tolerance: 1e-5, "mlp \(activation)")
        }
    }

    func testFloatAndDoubleModelsAgree() throws {
        let configuration = TransformerConfiguration(vocabulary: 9, context: 5, dim: 16, layers: 1, heads: 4, kvHeads: 2, hidden: 20)
        let single = try Transformer<Float>(configuration, maximumBatch: 2)
        let double = try Transformer<Double>(configuration, maximumBatch: 2)
        var generator = SeededGenerator(seed: 6)
        let parameters = double.initialParameters(generator: &generator)
        let batch = Batch(rows: 2, tokens: [1, 2, 3, 4, 5, 8, 7, 6, 5, 4], targets: [2, 3, 4, 5, 6, 7, 6, 5, 4, 3])
        let (expected, expectedGradients) = double.lossAndGradients(parameters: parameters, batch: batch)
        let (actual, actualGradients) = single.lossAndGradients(parameters: parameters.map { Float($0) }, batch: batch)
        XCTAssertEqual(actual.meanLoss, expected.meanLoss, accuracy: 1e-5 * expected.meanLoss)
        GradientCheck.assertClose(actualGradients.map { Double($0) }, expectedGradients, tolerance: 1e-4, "float vs double")
    }
}
