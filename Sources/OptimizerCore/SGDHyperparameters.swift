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

    public static let fields: [(descriptor: HyperparameterDescriptor, field: HyperparameterField<Self>)] = [
        (.init("lr", "learning rate", .nonNegative, default: .real(1e-3)), .real(\.lr)),
        (.init("momentum", "momentum factor", .nonNegative, default: .real(0)), .real(\.momentum)),
        (.init("dampening", "dampening of the momentum buffer", .unit, default: .real(0)), .real(\.dampening)),
        (.init("weight_decay", "L2 penalty added to the gradient", .nonNegative, default: .real(0)), .real(\.weightDecay)),
        (.init("nesterov", "Nesterov momentum", .flag, default: .flag(false)), .flag(\.nesterov)),
    ]

    public static let learningRateField: WritableKeyPath<Self, Double> & Sendable = \.lr

    public func validateCombination() throws(HyperparameterError) {
        if nesterov && (momentum <= 0 || dampening != 0) {
            throw .inconsistent("nesterov = true needs momentum > 0 and dampening = 0 (momentum = \(momentum), dampening = \(dampening))")
        }
    }
}
