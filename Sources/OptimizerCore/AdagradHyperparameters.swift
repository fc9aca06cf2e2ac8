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

    public static let fields: [(descriptor: HyperparameterDescriptor, field: HyperparameterField<Self>)] = [
        (.init("lr", "learning rate", .nonNegative, default: .real(1e-2)), .real(\.lr)),
        (.init("lr_decay", "learning-rate decay per step", .nonNegative, default: .real(0)), .real(\.lrDecay)),
        (.init("weight_decay", "L2 penalty added to the gradient", .nonNegative, default: .real(0)), .real(\.weightDecay)),
        (.init("initial_accumulator_value", "starting sum of squared gradients", .nonNegative, default: .real(0)),
         .real(\.initialAccumulatorValue)),
        (.init("eps", "added to the denominator", .nonNegative, default: .real(1e-10)), .real(\.eps)),
    ]

    public static let learningRateField: WritableKeyPath<Self, Double> & Sendable = \.lr
}
