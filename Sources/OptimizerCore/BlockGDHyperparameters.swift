/// Block-GD's one hyperparameter: the scale of the per-block learning rates scale / lambda_max(H_b).
public struct BlockGDHyperparameters: HyperparameterSet {
    /// Multiplies every block's 1 / lambda_max; 1 is the classic safe step, 2 the edge of divergence.
    public var scale: Double

    /// Creates a set; `scale` defaults to 1.
    public init(scale: Double = 1) {
        self.scale = scale
    }

    public static let fields: [(descriptor: HyperparameterDescriptor, field: HyperparameterField<Self>)] = [
        (.init("scale", "per-block learning rate is scale / lambda_max(H_b)", .nonNegative, default: .real(1)), .real(\.scale)),
    ]

    public static let learningRateField: WritableKeyPath<Self, Double> & Sendable = \.scale
}
