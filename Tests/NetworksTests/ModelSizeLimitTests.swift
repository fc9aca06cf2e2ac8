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

    func testActivationMemoryIsBoundedBeforeAllocating() throws {
        let wide = ModelConfiguration.mlp(MLPConfiguration(inputs: 2, hidden: [65536], classes: 2, activation: .relu))
        XCTAssertNoThrow(try wide.makeNetwork(Float.self, maximumBatch: 4))
        XCTAssertThrowsError(try wide.makeNetwork(Float.self, maximumBatch: 65536)) { error in
            XCTAssertTrue("\(error)".contains("activation memory"), "\(error)")
        }
        let longContext = ModelConfiguration.transformer(
            TransformerConfiguration(vocabulary: 30, context: 4096, dim: 16, layers: 1, heads: 2, hidden: 64))
        XCTAssertGreaterThan(longContext.scratchEstimate(batch: 65536), ModelConfiguration.maximumScratch)
        XCTAssertThrowsError(try longContext.makeNetwork(Float.self, maximumBatch: 65536))
        // descent train's defaults stay far inside the bound.
        let defaults = ModelConfiguration.transformer(TransformerConfiguration(vocabulary: 98, context: 3, dim: 64, layers: 1, heads: 4))
        XCTAssertLessThan(defaults.scratchEstimate(batch: 256), ModelConfiguration.maximumScratch / 100)
    }
}
