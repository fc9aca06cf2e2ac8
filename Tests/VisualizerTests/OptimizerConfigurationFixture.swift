import OptimizerCore

/// Optimizer configurations built in code for legend tests.
enum OptimizerConfigurationFixture {
    /// Adam-mini with a learning rate and explicit block sizes.
    static func adamMini(lr: Double, blocks: [Int]) -> OptimizerConfiguration {
        var configuration = OptimizerConfiguration(kind: .adamMini)
        // lr accepts any finite value >= 0.
        try! configuration.set("lr", to: .real(lr))
        configuration.partition = .explicit(blocks)
        return configuration
    }
}
