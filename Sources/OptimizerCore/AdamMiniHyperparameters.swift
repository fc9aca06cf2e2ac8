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

    public static let descriptors: [HyperparameterDescriptor] = [
        .init("lr", "learning rate", .nonNegative, default: .real(1e-3)),
        .init("betas", "decay rates of the first and per-block second moments", .betas, default: .pair(0.9, 0.999)),
        .init("eps", "added to the denominator", .nonNegative, default: .real(1e-8)),
        .init("weight_decay", "decoupled weight decay (not for norm/ln/bias tensors)", .nonNegative, default: .real(0)),
    ]

    public var learningRate: Double {
        get { lr }
        set { lr = newValue }
    }

    public func value(named name: String) -> HyperValue? {
        switch name {
        case "lr": .real(lr)
        case "betas": .pair(beta1, beta2)
        case "eps": .real(eps)
        case "weight_decay": .real(weightDecay)
        default: nil
        }
    }

    public mutating func assign(_ value: HyperValue, to name: String) {
        switch (name, value) {
        case ("lr", .real(let x)): lr = x
        case ("betas", .pair(let a, let b)): (beta1, beta2) = (a, b)
        case ("eps", .real(let x)): eps = x
        case ("weight_decay", .real(let x)): weightDecay = x
        default: preconditionFailure("unchecked Adam-mini hyperparameter \(name)")
        }
    }
}
