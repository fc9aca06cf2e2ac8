import OptimizerCore

/// Which network to train and its sizes.
public enum ModelConfiguration: Codable, Sendable, Hashable {
    /// A fully connected classifier.
    case mlp(MLPConfiguration)
    /// A Llama-style decoder-only transformer.
    case transformer(TransformerConfiguration)

    /// `mlp` or `transformer`.
    public var name: String {
        switch self {
        case .mlp: "mlp"
        case .transformer: "transformer"
        }
    }

    /// Builds the network in the given precision with scratch for `maximumBatch` examples.
    public func makeNetwork<Scalar: OptimizerScalar>(_ scalar: Scalar.Type, maximumBatch: Int) throws(ModelConfigurationError) -> any NeuralNetwork<Scalar> {
        switch self {
        case .mlp(let c): try MLP<Scalar>(c, maximumBatch: maximumBatch)
        case .transformer(let c): try Transformer<Scalar>(c, maximumBatch: maximumBatch)
        }
    }

    /// The layout the network will have.
    public var layout: ParameterLayout {
        get throws(ModelConfigurationError) { try makeNetwork(Float.self, maximumBatch: 1).layout }
    }
}
