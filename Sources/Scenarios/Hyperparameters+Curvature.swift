import OptimizerCore

extension Hyperparameters {
    /// The largest lambda_max(P^1/2 H P^1/2) at which the optimizer is stable on a quadratic, with
    /// P = diag(eta) its step sizes.
    ///
    /// 2 without momentum (GD, AdaGrad, RMSprop without momentum, block-GD); heavy ball
    /// (2 + 2 mu) / (1 - dampening) (SGD with momentum, and RMSprop with momentum, whose buffer is
    /// heavy ball without dampening); Nesterov (2 + 2 mu) / (1 + 2 mu); the Adam family
    /// (2 + 2 beta1) / (1 - beta1), beta1 being heavy-ball momentum with dampening beta1: 38 at 0.9,
    /// as in Cohen et al. 2022, "Adaptive gradient methods at the edge of stability". Infinite
    /// where the momentum buffer ignores new gradients (dampening 1, beta1 1).
    public var stabilityThreshold: Double {
        switch self {
        case .sgd(let h):
            if h.momentum == 0 { return 2 }
            if h.nesterov { return (2 + 2 * h.momentum) / (1 + 2 * h.momentum) }
            return Self.heavyBall(momentum: h.momentum, dampening: h.dampening)
        case .adagrad, .blockGD:
            return 2
        case .rmsprop(let h):
            return Self.heavyBall(momentum: h.momentum, dampening: 0)
        case .adam(let h):
            return Self.heavyBall(momentum: h.beta1, dampening: h.beta1)
        case .adamMini(let h):
            return Self.heavyBall(momentum: h.beta1, dampening: h.beta1)
        }
    }

    /// The L2 weight decay added to the gradient, which adds it to every eigenvalue of the Hessian
    /// the optimizer descends (SGD, AdaGrad, RMSprop, Adam); 0 for decoupled decay (AdamW,
    /// Adam-mini), which shrinks p outside the preconditioned step, and for block-GD.
    public var gradientWeightDecay: Double {
        switch self {
        case .sgd(let h): h.weightDecay
        case .adagrad(let h): h.weightDecay
        case .rmsprop(let h): h.weightDecay
        case .adam(let h): h.decoupledWeightDecay ? 0 : h.weightDecay
        case .adamMini, .blockGD: 0
        }
    }

    private static func heavyBall(momentum: Double, dampening: Double) -> Double {
        dampening < 1 ? (2 + 2 * momentum) / (1 - dampening) : .infinity
    }
}
