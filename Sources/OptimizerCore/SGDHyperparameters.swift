/// torch.optim.SGD's hyperparameters (also GD, heavy-ball momentum and Nesterov).
public struct SGDHyperparameters: HyperparameterSet {
    /// Learning rate (torch has no default; descent uses 1e-3).
    public var lr: Double
    /// Momentum factor mu; 0 turns momentum off.
    public var momentum: Double
    /// Dampening tau of the momentum buffer.
    public var dampening: Double
    /// L2 penalty added to the gradient.
    public var weightDecay: Double
    /// Nesterov momentum: the step uses g + mu * buf.
    public var nesterov: Bool

    /// Creates a set with torch's defaults for anything not given.
    public init(lr: Double = 1e-3, momentum: Double = 0, dampening: Double = 0, weightDecay: Double = 0, nesterov: Bool = false) {
        self.lr = lr
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
    }

    public static let descriptors: [HyperparameterDescriptor] = [
        .init("lr", "learning rate", .nonNegative, default: .real(1e-3)),
        .init("momentum", "momentum factor", .nonNegative, default: .real(0)),
        .init("dampening", "dampening of the momentum buffer", .unit, default: .real(0)),
        .init("weight_decay", "L2 penalty added to the gradient", .nonNegative, default: .real(0)),
        .init("nesterov", "Nesterov momentum", .flag, default: .flag(false)),
    ]

    public var learningRate: Double {
        get { lr }
        set { lr = newValue }
    }

    public func value(named name: String) -> HyperValue? {
        switch name {
        case "lr": .real(lr)
        case "momentum": .real(momentum)
        case "dampening": .real(dampening)
        case "weight_decay": .real(weightDecay)
        case "nesterov": .flag(nesterov)
        default: nil
        }
    }

    public mutating func assign(_ value: HyperValue, to name: String) {
        switch (name, value) {
        case ("lr", .real(let x)): lr = x
        case ("momentum", .real(let x)): momentum = x
        case ("dampening", .real(let x)): dampening = x
        case ("weight_decay", .real(let x)): weightDecay = x
        case ("nesterov", .flag(let b)): nesterov = b
        default: preconditionFailure("unchecked SGD hyperparameter \(name)")
        }
    }

    public func validateCombination() throws(HyperparameterError) {
        if nesterov && (momentum <= 0 || dampening != 0) {
            throw .inconsistent("nesterov = true needs momentum > 0 and dampening = 0 (momentum = \(momentum), dampening = \(dampening))")
        }
    }
}
