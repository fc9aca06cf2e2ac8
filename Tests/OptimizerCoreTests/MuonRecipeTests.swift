import OptimizerCore
import XCTest

final class MuonRecipeTests: XCTestCase {
    func testTransformerHiddenMatricesTakeMuonAndTheRestAdamW() {
        let layout = ParameterLayout([
            ("model.embed_tokens.weight", [32, 16]),
            ("model.layers.0.input_layernorm.weight", [16]),
            ("model.layers.0.self_attn.q_proj.weight", [16, 16]),
            ("model.layers.0.mlp.down_proj.weight", [16, 64]),
            ("model.norm.weight", [16]),
            ("lm_head.weight", [32, 16]),
        ])
        XCTAssertEqual(Muon.networkRoles(layout), [.adamw, .adamw, .muon, .muon, .adamw, .adamw])
    }

    func testAnMLPsLastLayerIsItsHead() {
        let layout = ParameterLayout([
            ("mlp.0.weight", [16, 2]), ("mlp.0.bias", [16]),
            ("mlp.1.weight", [16, 16]), ("mlp.1.bias", [16]),
            ("mlp.2.weight", [2, 16]), ("mlp.2.bias", [2]),
        ])
        XCTAssertEqual(Muon.networkRoles(layout), [.muon, .adamw, .muon, .adamw, .adamw, .adamw])
    }

    func testShapeAdjustmentsFollowTorch() {
        XCTAssertEqual(Muon.LearningRateAdjustment.original.adjusted(0.1, rows: 8, columns: 2), 0.2, accuracy: 1e-15)
        XCTAssertEqual(Muon.LearningRateAdjustment.original.adjusted(0.1, rows: 2, columns: 8), 0.1, accuracy: 1e-15)
        XCTAssertEqual(Muon.LearningRateAdjustment.matchRMSAdamW.adjusted(0.1, rows: 2, columns: 9), 0.06, accuracy: 1e-15)
    }

    func testNewtonSchulzPushesSingularValuesTowardsOne() {
        let s = Muon.Step(lr: 0.1, weightDecay: 0, momentum: 0.95, nesterov: true, coefficients: (3.4445, -4.775, 2.0315),
                          eps: 1e-7, iterations: 5, adjustment: .original)
        // diag(3, 0.3) padded to 2x3: singular values 3 and 0.3, ratio 10.
        let x = Muon.orthogonalise([3.0, 0, 0, 0, 0.3, 0], rows: 2, columns: 3, s)
        XCTAssertEqual(x[1], 0, accuracy: 1e-15)
        XCTAssertEqual(x[3], 0, accuracy: 1e-15)
        // Both land in the iteration's band around 1 (about 0.7 to 1.2), far closer than 10 to 1.
        XCTAssertTrue((0.6...1.3).contains(x[0]), "\(x[0])")
        XCTAssertTrue((0.6...1.3).contains(x[4]), "\(x[4])")
    }
}
