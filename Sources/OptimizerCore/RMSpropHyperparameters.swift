/// torch.optim.RMSprop's hyperparameters.
public struct RMSpropHyperparameters: HyperparameterSet {
    /// Learning rate.
    public var lr: Double
    /// Smoothing constant of the running mean of g^2.
    public var alpha: Double
    /// Added to the denominator, for stability.
    public var eps: Double
    /// L2 penalty added to the gradient.
    public var weightDecay: Double
    /// Momentum applied to the normalised step.
    public var momentum: Double
    /// Normalise by an estimate of the variance (mean of g^2 minus the squared mean of g).
    public var centered: Bool

    /// Creates a set with torch's defaults for anything not given.
    public init(lr: Double = 1e-2, alpha: Double = 0.99, eps: Double = 1e-8, weightDecay: Double = 0, momentum: Double = 0, centered: Bool = false) {
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.weightDecay = weightDecay
        self.momentum = momentum
        self.centered = centered
    }

    public static let fields: [(descriptor: HyperparameterDescriptor, field: HyperparameterField<Self>)] = [
        (.init("lr", "learning rate", .nonNegative, default: .real(1e-2)), .real(\.lr)),
        (.init("alpha", "smoothing constant of the mean of g^2", .unit, default: .real(0.99)), .real(\.alpha)),
        (.init("eps", "added to the denominator", .nonNegative, default: .real(1e-8)), .real(\.eps)),
        (.init("weight_decay", "L2 penalty added to the gradient", .nonNegative, default: .real(0)), .real(\.weightDecay)),
        (.init("momentum", "momentum factor", .nonNegative, default: .real(0)), .real(\.momentum)),
        (.init("centered", "normalise by the estimated variance", .flag, default: .flag(false)), .flag(\.centered)),
    ]

    public static let learningRateField: WritableKeyPath<Self, Double> & Sendable = \.lr
}
