/// The hyperparameters of any optimizer, as one Codable value.
public enum Hyperparameters: Codable, Sendable, Hashable {
    /// GD, SGD, momentum and Nesterov.
    case sgd(SGDHyperparameters)
    /// AdaGrad.
    case adagrad(AdagradHyperparameters)
    /// RMSprop.
    case rmsprop(RMSpropHyperparameters)
    /// Adam and AdamW.
    case adam(AdamHyperparameters)
    /// Adam-mini.
    case adamMini(AdamMiniHyperparameters)
    /// Block-GD.
    case blockGD(BlockGDHyperparameters)

    /// The wrapped set, for name-based access.
    public var values: any HyperparameterSet {
        switch self {
        case .sgd(let h): h
        case .adagrad(let h): h
        case .rmsprop(let h): h
        case .adam(let h): h
        case .adamMini(let h): h
        case .blockGD(let h): h
        }
    }

    /// The base learning rate (block-GD's scale).
    public var learningRate: Double {
        get { values.learningRate }
        set { update { $0.learningRate = newValue } }
    }

    /// Sets one hyperparameter by torch name, checking name, type and range.
    public mutating func set(_ name: String, to value: HyperValue, optimizer: OptimizerKind) throws(HyperparameterError) {
        var failure: HyperparameterError?
        update { (h: inout any HyperparameterSet) in
            do throws(HyperparameterError) { try h.set(name, to: value, optimizer: optimizer) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Checks combinations of values that torch refuses.
    public func validate() throws(HyperparameterError) {
        try values.validateCombination()
    }

    /// Hyperparameters as name/value pairs, torch names, descriptor order.
    public var namedValues: [(name: String, value: HyperValue)] { values.namedValues }

    private mutating func update(_ body: (inout any HyperparameterSet) -> Void) {
        var h = values
        body(&h)
        switch h {
        case let x as SGDHyperparameters: self = .sgd(x)
        case let x as AdagradHyperparameters: self = .adagrad(x)
        case let x as RMSpropHyperparameters: self = .rmsprop(x)
        case let x as AdamHyperparameters: self = .adam(x)
        case let x as AdamMiniHyperparameters: self = .adamMini(x)
        case let x as BlockGDHyperparameters: self = .blockGD(x)
        default: preconditionFailure("unknown hyperparameter set")
        }
    }
}
