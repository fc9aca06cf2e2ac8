/// Adam-mini's hyperparameters (official 1.1.1 names and defaults).
///
/// The partition (which coordinates share a second moment) is not a hyperparameter of the
/// update: it is a `BlockMap` built by a `PartitionStrategy`.
public struct AdamMiniHyperparameters: HyperparameterSet {
    /// Learning rate.
    public var lr: Double
    /// Decay rate of the first moment.
    public var beta1: Double
    /// Decay rate of the per-block second moment.
    public var beta2: Double
    /// Added to the denominator, for stability.
    public var eps: Double
    /// Decoupled weight decay, skipped for blocks the block map marks as exempt (norms, biases).
    public var weightDecay: Double

    /// Creates a set with the official defaults for anything not given.
    public init(lr: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8, weightDecay: Double = 0) {
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.weightDecay = weightDecay
    }

    public static let fields: [(descriptor: HyperparameterDescriptor, field: HyperparameterField<Self>)] = [
        (.init("lr", "learning rate", .nonNegative, default: .real(1e-3)), .real(\.lr)),
        (.init("betas", "decay rates of the first and per-block second moments", .betas, default: .pair(0.9, 0.999)),
         .pair(\.beta1, \.beta2)),
        (.init("eps", "added to the denominator", .nonNegative, default: .real(1e-8)), .real(\.eps)),
        (.init("weight_decay", "decoupled weight decay (not for norm/ln/bias tensors)", .nonNegative, default: .real(0)),
         .real(\.weightDecay)),
    ]

    public static let learningRateField: WritableKeyPath<Self, Double> & Sendable = \.lr
}
