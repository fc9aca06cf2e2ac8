import Foundation
import OptimizerCore
import XCTest

/// The official Adam-mini 1.1.1 block counts (read from its optimizer state) against ours.
final class AdamMiniPartitionTests: XCTestCase {
    func testBlockCountsMatchOfficialCode() throws {
        let models = try Fixture.json("adam_mini_blocks")["models"] as! [[String: Any]]
        XCTAssertEqual(models.count, 2)
        for model in models {
            let tensors = model["tensors"] as! [[String: Any]]
            let layout = ParameterLayout(tensors.map { ($0.string("name"), ($0["shape"] as! [NSNumber]).map(\.intValue)) })
            let rules = AdamMiniNameRules(dim: model.int("dim"), heads: model.int("n_heads"), kvHeads: model.int("n_kv_heads"))
            let map = try PartitionStrategy.official(rules).blockMap(for: layout)
            XCTAssertEqual(layout.count, model.int("total_parameters"))
            XCTAssertEqual(map.blockCount, model.int("total_second_moments"), model.string("name"))
            for (run, tensor) in zip(map.runs, tensors) {
                XCTAssertEqual(run.blockCount, tensor.int("blocks"), tensor.string("name"))
                XCTAssertEqual(run.decays, tensor["weight_decay"] as! Bool, tensor.string("name"))
                XCTAssertEqual(rules.rule(for: tensor.string("name")).fixtureName, tensor.string("rule"), tensor.string("name"))
            }
        }
    }

    func testLlamaModelStateShrinksByHalf() throws {
        let model = try XCTUnwrap((try Fixture.json("adam_mini_blocks")["models"] as! [[String: Any]]).first { $0.string("name") == "llama" })
        let tensors = model["tensors"] as! [[String: Any]]
        let layout = ParameterLayout(tensors.map { ($0.string("name"), ($0["shape"] as! [NSNumber]).map(\.intValue)) })
        let configuration = OptimizerConfiguration(kind: .adamMini, partition: .official(AdamMiniNameRules(dim: 256, heads: 8, kvHeads: 2)))
        let adamMini = try configuration.makeOptimizer(Float.self, layout: layout)
        let adamW = try OptimizerConfiguration(kind: .adamw).makeOptimizer(Float.self, layout: layout)
        XCTAssertEqual(adamMini.stateElementCount, 1_897_728 + 5_929)
        XCTAssertEqual(adamW.stateElementCount, 2 * 1_897_728)
        let saving = 1 - Double(adamMini.stateElementCount) / Double(adamW.stateElementCount)
        XCTAssertEqual(saving, 0.498, accuracy: 0.001)
    }

    /// Where the official code crashes, ours either defines the result or throws a clear error.
    func testOfficialCrashesBecomeDefinedBehaviour() throws {
        let edges = try Fixture.json("adam_mini_blocks")["edge_cases"] as! [[String: Any]]
        XCTAssertGreaterThanOrEqual(edges.count, 4)
        for edge in edges {
            let name = edge.string("name")
            let shape = (edge["shape"] as! [NSNumber]).map(\.intValue)
            let rules = AdamMiniNameRules(dim: edge.int("dim"), heads: edge.int("n_heads"), kvHeads: edge.int("n_kv_heads"))
            let layout = ParameterLayout([(name, shape.isEmpty ? [1] : shape)])
            let result = Result { try PartitionStrategy.official(rules).blockMap(for: layout) }
            let error = edge["error"] as? String
            switch (error, result) {
            case (nil, .success(let map)):
                XCTAssertEqual(map.blockCount, edge.int("blocks"), name)
            case (let message?, .success(let map)):
                // IndexError on a 1-D per-row tensor becomes one block; a 3-D per-row tensor gets
                // one block per slice of its first dimension.
                XCTAssertFalse(message.contains("shape '[-1"), "\(name) should have been refused")
                XCTAssertFalse(message.hasPrefix("AssertionError"), "\(name) should have been refused")
                XCTAssertEqual(map.blockCount, shape.count == 1 ? 1 : shape[0], name)
            case (_?, .failure(let failure)):
                let text = String(describing: failure)
                XCTAssertTrue(text.contains("dim*dim/n_heads"), text)
                XCTAssertTrue(text.contains(name), text)
            case (nil, .failure(let failure)):
                XCTFail("\(name): unexpected \(failure)")
            }
            XCTAssertEqual(AdamMiniNameRules.decays(name), edge["weight_decay"] as! Bool, name)
        }
    }
}

private extension AdamMiniRule {
    var fixtureName: String {
        switch self {
        case .perCoordinate: "coordinate"
        case .perHead: "head"
        case .perRow: "row"
        case .wholeTensor: "tensor"
        }
    }
}
