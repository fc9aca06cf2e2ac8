import Foundation
@testable import Networks
import OptimizerCore
import XCTest

/// The whole model's loss and gradients against PyTorch (float64) on the same weights and batch;
/// the fixture is written by tools/make_network_fixture.py.
final class TorchReferenceTests: XCTestCase {
    private func fixture() throws -> [String: Any] {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "network_reference", withExtension: "json", subdirectory: "Fixtures"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    private func numbers(_ value: Any?) -> [Double] { (value as! [NSNumber]).map(\.doubleValue) }

    /// Parameters in the network's layout order, checking that the names match torch's order.
    private func flatten(_ named: [String: Any], order: [String], layout: ParameterLayout) -> [Double] {
        XCTAssertEqual(layout.tensors.map(\.name), order, "tensor names and order")
        return layout.tensors.flatMap { tensor in
            let values = numbers(named[tensor.name])
            XCTAssertEqual(values.count, tensor.count, tensor.name)
            return values
        }
    }

    private func compare(_ network: any NeuralNetwork<Double>, case reference: [String: Any], batch: Batch) {
        let order = reference["order"] as! [String]
        let parameters = flatten(reference["parameters"] as! [String: Any], order: order, layout: network.layout)
        let expectedGradients = flatten(reference["gradients"] as! [String: Any], order: order, layout: network.layout)
        let (result, gradients) = network.lossAndGradients(parameters: parameters, batch: batch)
        let expectedLoss = (reference["loss"] as! NSNumber).doubleValue
        XCTAssertEqual(result.meanLoss, expectedLoss, accuracy: 1e-12 * max(1, abs(expectedLoss)))
        for tensor in network.layout.tensors {
            let scale = max(1e-12, expectedGradients[tensor.range].map(abs).max()!)
            for i in tensor.range {
                XCTAssertEqual(gradients[i], expectedGradients[i], accuracy: 1e-9 * scale, "\(tensor.name)[\(i - tensor.offset)]")
            }
        }
    }

    func testTransformerMatchesTorch() throws {
        let reference = try XCTUnwrap(fixture()["transformer"] as? [String: Any])
        let c = reference["config"] as! [String: Any]
        let int = { (key: String) in (c[key] as! NSNumber).intValue }
        let configuration = TransformerConfiguration(
            vocabulary: int("vocabulary"), context: int("context"), dim: int("dim"), layers: int("layers"), heads: int("heads"),
            kvHeads: int("kv_heads"), hidden: int("hidden"), ropeBase: (c["rope_base"] as! NSNumber).doubleValue,
            normEpsilon: (c["norm_epsilon"] as! NSNumber).doubleValue)
        let rows = (reference["rows"] as! NSNumber).intValue
        let batch = Batch(rows: rows, tokens: numbers(reference["tokens"]).map { Int32($0) },
                          targets: numbers(reference["targets"]).map { Int32($0) })
        compare(try Transformer<Double>(configuration, maximumBatch: rows), case: reference, batch: batch)
    }

    func testMLPMatchesTorch() throws {
        let reference = try XCTUnwrap(fixture()["mlp"] as? [String: Any])
        let c = reference["config"] as! [String: Any]
        let configuration = MLPConfiguration(inputs: (c["inputs"] as! NSNumber).intValue, hidden: numbers(c["hidden"]).map { Int($0) },
                                             classes: (c["classes"] as! NSNumber).intValue, activation: .gelu)
        let rows = (reference["rows"] as! NSNumber).intValue
        let batch = Batch(rows: rows, features: numbers(reference["features"]), targets: numbers(reference["targets"]).map { Int32($0) })
        compare(try MLP<Double>(configuration, maximumBatch: rows), case: reference, batch: batch)
    }
}
