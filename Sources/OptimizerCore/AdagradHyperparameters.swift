/// torch.optim.Adagrad's hyperparameters.
public struct AdagradHyperparameters: HyperparameterSet {
    /// Learning rate.
    public var lr: Double
    /// Learning-rate decay: the step t uses lr / (1 + (t - 1) * lr_decay).
    public var lrDecay: Double
    /// L2 penalty added to the gradient.
    public var weightDecay: Double
    /// Starting value of the sum of squared gradients.
    public var initialAccumulatorValue: Double
    /// Added to the square root of the sum, for stability.
    public var eps: Double

    /// Creates a set with torch's defaults for anything not given.
    public init(lr: Double = 1e-2, lrDecay: Double = 0, weightDecay: Double = 0, initialAccumulatorValue: Double = 0, eps: Double = 1e-10) {
        self.lr = lr
        self.lrDecay = lrDecay
        self.weightDecay = weightDecay
        self.initialAccumulatorValue = initialAccumulatorValue
        self.eps = eps
    }

    public static let descriptors: [HyperparameterDescriptor] = [
        .init("lr", "learning rate", .nonNegative, default: .real(1e-2)),
        .init("lr_decay", "learning-rate decay per step", .nonNegative, default: .real(0)),
        .init("weight_decay", "L2 penalty added to the gradient", .nonNegative, default: .real(0)),
        .init("initial_accumulator_value", "starting sum of squared gradients", .nonNegative, default: .real(0)),
        .init("eps", "added to the denominator", .nonNegative, default: .real(1e-10)),
    ]

    public var learningRate: Double {
        get { lr }
        set { lr = newValue }
    }

    public func value(named name: String) -> HyperValue? {
        switch name {
        case "lr": .real(lr)
        case "lr_decay": .real(lrDecay)
        case "weight_decay": .real(weightDecay)
        case "initial_accumulator_value": .real(initialAccumulatorValue)
        case "eps": .real(eps)
        default: nil
        }
    }

    public mutating func assign(_ value: HyperValue, to name: String) {
        switch (name, value) {
        case ("lr", .real(let x)): lr = x
        case ("lr_decay", .real(let x)): lrDecay = x
        case ("weight_decay", .real(let x)): weightDecay = x
        case ("initial_accumulator_value", .real(let x)): initialAccumulatorValue = x
        case ("eps", .real(let x)): eps = x
        default: preconditionFailure("unchecked Adagrad hyperparameter \(name)")
        }
    }
}
