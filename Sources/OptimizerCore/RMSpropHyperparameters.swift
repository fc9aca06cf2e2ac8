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

    public static let descriptors: [HyperparameterDescriptor] = [
        .init("lr", "learning rate", .nonNegative, default: .real(1e-2)),
        .init("alpha", "smoothing constant of the mean of g^2", .unit, default: .real(0.99)),
        .init("eps", "added to the denominator", .nonNegative, default: .real(1e-8)),
        .init("weight_decay", "L2 penalty added to the gradient", .nonNegative, default: .real(0)),
        .init("momentum", "momentum factor", .nonNegative, default: .real(0)),
        .init("centered", "normalise by the estimated variance", .flag, default: .flag(false)),
    ]

    public var learningRate: Double {
        get { lr }
        set { lr = newValue }
    }

    public func value(named name: String) -> HyperValue? {
        switch name {
        case "lr": .real(lr)
        case "alpha": .real(alpha)
        case "eps": .real(eps)
        case "weight_decay": .real(weightDecay)
        case "momentum": .real(momentum)
        case "centered": .flag(centered)
        default: nil
        }
    }

    public mutating func assign(_ value: HyperValue, to name: String) {
        switch (name, value) {
        case ("lr", .real(let x)): lr = x
        case ("alpha", .real(let x)): alpha = x
        case ("eps", .real(let x)): eps = x
        case ("weight_decay", .real(let x)): weightDecay = x
        case ("momentum", .real(let x)): momentum = x
        case ("centered", .flag(let b)): centered = b
        default: preconditionFailure("unchecked RMSprop hyperparameter \(name)")
        }
    }
}
