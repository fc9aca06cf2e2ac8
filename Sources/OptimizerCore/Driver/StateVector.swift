/// The names of a rule's state vectors: an `Int`-backed enum whose cases, in order, are the
/// vectors (`case expAvg, expAvgSq`); the rule gives each its torch name in `stateVector`.
public protocol StateVectorName: RawRepresentable, CaseIterable, Sendable where RawValue == Int {}

/// A rule without state.
public enum NoState: Int, StateVectorName {
    case none
}

/// How long one state vector is.
public enum StateSize: Sendable {
    /// One element per parameter.
    case perCoordinate
    /// One element per block of the partition (Adam-mini's v).
    case perBlock
    /// One number for the whole optimizer, updated once per step (a running product of the
    /// step's factors): the rule reads and writes it through `StepContext`.
    case single
    /// So many elements for each tensor, in layout order (row and column statistics).
    case perTensor(@Sendable (TensorSpec) -> Int)
    /// Not kept under these hyperparameters (max_exp_avg_sq without amsgrad): an empty vector.
    case absent
}

/// One state vector: its torch name, its length and its starting value.
public struct StateVectorSpec: Sendable {
    /// The name checkpoints and exports use, e.g. `exp_avg`.
    public let name: String
    /// Its length.
    public let size: StateSize
    /// Every element's value before the first update.
    public let initialValue: Double

    /// Creates a spec.
    public init(_ name: String, _ size: StateSize = .perCoordinate, initialValue: Double = 0) {
        self.name = name
        self.size = size
        self.initialValue = initialValue
    }

    /// Elements for `layout` (and the partition's `blocks`).
    func count(layout: ParameterLayout, blocks: Int) -> Int {
        switch size {
        case .perCoordinate: layout.count
        case .perBlock: blocks
        case .single: 1
        case .perTensor(let perTensor): layout.tensors.reduce(0) { $0 + perTensor($1) }
        case .absent: 0
        }
    }
}
