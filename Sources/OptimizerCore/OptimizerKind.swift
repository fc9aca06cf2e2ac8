/// Every optimizer the core implements, by the name scenario files and flags use.
public enum OptimizerKind: String, CaseIterable, Codable, Sendable, Hashable {
    /// Plain gradient descent: torch SGD with momentum 0.
    case gd
    /// torch.optim.SGD with all its options.
    case sgd
    /// Heavy-ball momentum: SGD with momentum 0.9 by default.
    case momentum
    /// Nesterov momentum: SGD with nesterov on and momentum 0.9 by default.
    case nesterov
    /// torch.optim.Adagrad.
    case adagrad
    /// torch.optim.RMSprop.
    case rmsprop
    /// torch.optim.Adam (weight decay as an L2 term in the gradient).
    case adam
    /// torch.optim.AdamW (decoupled weight decay).
    case adamw
    /// Adam-mini: Adam with one second moment per block (official 1.1.1 semantics).
    case adamMini = "adam-mini"
    /// One learning rate per Hessian block, lr_b = scale / lambda_max(H_b): the ideal Adam-mini approximates.
    case blockGD = "block-gd"

    /// A one-line description for listings and help.
    public var summary: String {
        switch self {
        case .gd: "gradient descent: p -= lr * g"
        case .sgd: "torch SGD: momentum, dampening, nesterov, weight decay"
        case .momentum: "heavy-ball momentum (SGD, momentum 0.9)"
        case .nesterov: "Nesterov momentum (SGD, nesterov, momentum 0.9)"
        case .adagrad: "AdaGrad: per-coordinate steps from the sum of squared gradients"
        case .rmsprop: "RMSprop: per-coordinate steps from a running mean of g^2"
        case .adam: "Adam: momentum + per-coordinate second moments, L2 weight decay"
        case .adamw: "AdamW: Adam with decoupled weight decay"
        case .adamMini: "Adam-mini: one second moment per block instead of per coordinate"
        case .blockGD: "block-GD: one learning rate per Hessian block, scale / lambda_max"
        }
    }

    /// The hyperparameters of this kind, with torch's names and defaults.
    public var descriptors: [HyperparameterDescriptor] {
        switch self {
        case .gd, .sgd, .momentum, .nesterov: SGDHyperparameters.descriptors
        case .adagrad: AdagradHyperparameters.descriptors
        case .rmsprop: RMSpropHyperparameters.descriptors
        case .adam, .adamw: AdamHyperparameters.descriptors
        case .adamMini: AdamMiniHyperparameters.descriptors
        case .blockGD: BlockGDHyperparameters.descriptors
        }
    }

    /// The default hyperparameters of this kind, torch's where torch has the optimizer.
    public var defaultHyperparameters: Hyperparameters {
        switch self {
        case .gd: .sgd(SGDHyperparameters())
        case .sgd: .sgd(SGDHyperparameters())
        case .momentum: .sgd(SGDHyperparameters(momentum: 0.9))
        case .nesterov: .sgd(SGDHyperparameters(momentum: 0.9, nesterov: true))
        case .adagrad: .adagrad(AdagradHyperparameters())
        case .rmsprop: .rmsprop(RMSpropHyperparameters())
        case .adam: .adam(AdamHyperparameters())
        case .adamw: .adam(AdamHyperparameters(weightDecay: 0.01, decoupledWeightDecay: true))
        case .adamMini: .adamMini(AdamMiniHyperparameters())
        case .blockGD: .blockGD(BlockGDHyperparameters())
        }
    }
}
