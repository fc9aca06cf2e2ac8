/// What a rule sees when it prepares one update: the hyperparameters (with the learning rate
/// the schedule set), the update's number t (1 for the first), and its one-number state.
public struct StepContext<Scalar: OptimizerScalar> {
    /// The hyperparameters of this update.
    public let hyperparameters: Hyperparameters
    /// The update's number: 1 for the first.
    public let step: Int
    /// The parameter layout (tensor names and shapes).
    public let layout: ParameterLayout
    private let state: UnsafeMutablePointer<RuleState<Scalar>>?

    init(hyperparameters: Hyperparameters, step: Int, layout: ParameterLayout, state: UnsafeMutablePointer<RuleState<Scalar>>?) {
        self.hyperparameters = hyperparameters
        self.step = step
        self.layout = layout
        self.state = state
    }

    /// t as a real number, for bias corrections (computed in double precision, as torch does).
    public var t: Double { Double(step) }

    /// A real hyperparameter by torch name.
    public func real(_ name: String) -> Double { hyperparameters.real(name) }
    /// A flag by torch name.
    public func flag(_ name: String) -> Bool { hyperparameters.flag(name) }
    /// A pair (betas) by torch name.
    public func pair(_ name: String) -> (Double, Double) { hyperparameters.pair(name) }
    /// A list of numbers by torch name.
    public func list(_ name: String) -> [Double] { hyperparameters.list(name) }
    /// A named choice by torch name.
    public func choice(_ name: String) -> String { hyperparameters.choice(name) }

    /// A `.single` state value: read it, and write it before building the update that uses it.
    /// Reports (eta) see it read-only: a write there is dropped.
    public subscript<Name: StateVectorName>(single name: Name) -> Scalar {
        get { state.map { $0.pointee.storage[$0.pointee.ranges[name.rawValue].lowerBound] } ?? 0 }
        nonmutating set {
            guard let state else { return }
            state.pointee.storage[state.pointee.ranges[name.rawValue].lowerBound] = newValue
        }
    }
}
