/// torch.optim.Adam's and AdamW's hyperparameters.
public struct AdamHyperparameters: HyperparameterSet {
    /// Learning rate.
    public var lr: Double
    /// Decay rate of the first moment.
    public var beta1: Double
    /// Decay rate of the second moment.
    public var beta2: Double
    /// Added to the denominator, for stability.
    public var eps: Double
    /// Weight decay: an L2 term in the gradient (Adam) or a decoupled shrink (AdamW).
    public var weightDecay: Double
    /// Use the running maximum of the second moment (AMSGrad).
    public var amsgrad: Bool
    /// AdamW's decoupled decay p *= 1 - lr * wd instead of g += wd * p.
    public var decoupledWeightDecay: Bool

    /// Creates a set with torch's Adam defaults for anything not given.
    public init(lr: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8,
                weightDecay: Double = 0, amsgrad: Bool = false, decoupledWeightDecay: Bool = false) {
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
        self.decoupledWeightDecay = decoupledWeightDecay
    }

    public static let fields: [(descriptor: HyperparameterDescriptor, field: HyperparameterField<Self>)] = [
        (.init("lr", "learning rate", .nonNegative, default: .real(1e-3)), .real(\.lr)),
        (.init("betas", "decay rates of the first and second moments", .betas, default: .pair(0.9, 0.999)),
         .pair(\.beta1, \.beta2)),
        (.init("eps", "added to the denominator", .nonNegative, default: .real(1e-8)), .real(\.eps)),
        (.init("weight_decay", "weight decay (L2 for adam, decoupled for adamw; adamw default 0.01)", .nonNegative,
               default: .real(0)), .real(\.weightDecay)),
        (.init("amsgrad", "use the running maximum of v", .flag, default: .flag(false)), .flag(\.amsgrad)),
    ]

    public static let learningRateField: WritableKeyPath<Self, Double> & Sendable = \.lr
}
