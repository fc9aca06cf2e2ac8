/// Block-GD's one hyperparameter: the scale of the per-block learning rates scale / lambda_max(H_b).
public struct BlockGDHyperparameters: HyperparameterSet {
    /// Multiplies every block's 1 / lambda_max; 1 is the classic safe step, 2 the edge of divergence.
    public var scale: Double

    /// Creates a set; `scale` defaults to 1.
    public init(scale: Double = 1) {
        self.scale = scale
    }

    public static let descriptors: [HyperparameterDescriptor] = [
        .init("scale", "per-block learning rate is scale / lambda_max(H_b)", .nonNegative, default: .real(1)),
    ]

    public var learningRate: Double {
        get { scale }
        set { scale = newValue }
    }

    public func value(named name: String) -> HyperValue? {
        name == "scale" ? .real(scale) : nil
    }

    public mutating func assign(_ value: HyperValue, to name: String) {
        guard name == "scale", case .real(let x) = value else {
            preconditionFailure("unchecked block-GD hyperparameter \(name)")
        }
        scale = x
    }
}
