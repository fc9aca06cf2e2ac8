import Networks
import XCTest

/// Model sizes are counted before anything is allocated, so a mistyped size is refused at once.
final class ModelSizeLimitTests: XCTestCase {
    func testParameterCountMatchesTheBuiltLayout() throws {
        let configurations: [ModelConfiguration] = [
            .mlp(MLPConfiguration(inputs: 2, hidden: [16, 7], classes: 3, activation: .gelu)),
            .transformer(TransformerConfiguration(vocabulary: 24, context: 3, dim: 16, layers: 2, heads: 4, kvHeads: 2, hidden: 20)),
        ]
        for configuration in configurations {
            XCTAssertEqual(configuration.parameterCount, try configuration.layout.count)
        }
    }

    func testAbsurdSizesAreRefusedBeforeAllocating() {
        let huge = ModelConfiguration.mlp(MLPConfiguration(inputs: 2, hidden: [65536, 65536, 65536], classes: 2, activation: .tanh))
        XCTAssertEqual(huge.parameterCount, 2 * 65536 + 65536 + 2 * (65536 * 65536 + 65536) + 65536 * 2 + 2)
        XCTAssertThrowsError(try huge.makeNetwork(Float.self, maximumBatch: 64)) { error in
            XCTAssertTrue("\(error)".contains("descent builds models of at most"), "\(error)")
        }
        let overflowing = ModelConfiguration.transformer(
            TransformerConfiguration(vocabulary: 10, context: 3, dim: 1 << 40, layers: 1 << 20, heads: 1, hidden: 1 << 40))
        XCTAssertEqual(overflowing.parameterCount, .max)
        XCTAssertThrowsError(try overflowing.makeNetwork(Float.self, maximumBatch: 1))
    }
}
