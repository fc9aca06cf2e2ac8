import OptimizerCore
import XCTest

/// The README's example of another package stepping its own parameters with Adam-mini, as
/// written there: if it stops compiling or stops descending, so does this test.
final class LibraryExampleTests: XCTestCase {
    func testTheReadmeExampleStepsItsOwnBuffer() throws {
        // README: "Using the optimizers in another package"
        // Two tensors in one flat buffer; Adam-mini keeps one second moment per block of them.
        let layout = ParameterLayout([("layer.weight", [4, 3]), ("layer.bias", [4])])
        var configuration = OptimizerConfiguration(kind: .adamMini, partition: .tensor)
        try configuration.set("lr", to: .real(0.05))
        try configuration.set("betas", to: .pair(0.9, 0.99))
        var optimizer = try configuration.makeOptimizer(Float.self, layout: layout)

        var parameters = [Float](repeating: 1, count: layout.count)
        for _ in 0..<200 {
            let gradients = parameters.map { 2 * $0 }    // the gradient of sum(p^2): your backward pass
            optimizer.step(parameters: &parameters, gradients: gradients)
        }
        print(optimizer.stateElementCount)                // 16 first moments + 2 block second moments
        // README end

        XCTAssertEqual(optimizer.stateElementCount, 18)
        XCTAssertEqual(optimizer.stepCount, 200)
        XCTAssertLessThan(parameters.map { $0 * $0 }.reduce(0, +), 0.01 * Float(layout.count))
        XCTAssertEqual(optimizer.stateVectors().vectors.map(\.name), ["m", "vmean"])
    }
}
