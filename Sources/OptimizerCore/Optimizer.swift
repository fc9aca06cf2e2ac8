/// An optimizer: hyperparameters plus flat state, updating a flat parameter buffer in place.
///
/// The protocol has one primary associated type, the scalar, so a run holds a heterogeneous
/// `[any Optimizer<Double>]`. Conformers are value types: copying one snapshots its whole state
/// (copy-on-write arrays), which is how the visualizer rewinds.
///
/// Conventions shared by every conformer (torch.optim semantics):
/// - `step` is one update; the step count t starts at 1 for the first update.
/// - The gradient buffer is read-only; terms such as L2 weight decay are added to a local copy
///   of each gradient element, never written back.
/// - Hot loops allocate nothing: state arrays are allocated once, at initialisation.
public protocol Optimizer<Scalar>: Sendable {
    /// The floating-point type of parameters, gradients and state.
    associatedtype Scalar: OptimizerScalar

    /// Which optimizer this is.
    var kind: OptimizerKind { get }
    /// The current hyperparameters.
    var hyperparameters: Hyperparameters { get }
    /// The learning rate used by the next step; schedules and the UI set it between steps.
    var learningRate: Double { get set }
    /// Number of updates taken so far.
    var stepCount: Int { get }
    /// Number of scalars of optimizer state (per-parameter buffers and per-block moments).
    var stateElementCount: Int { get }

    /// Applies one update to `parameters` given `gradients` (same layout, same length).
    mutating func step(parameters: UnsafeMutableBufferPointer<Scalar>, gradients: UnsafeBufferPointer<Scalar>)
    /// The effective learning rates of the last update, one per coordinate or block (see
    /// `StepSizeReport`); before an adaptive method's first update they do not exist yet and this
    /// gives its formula on the initial state: ask `effectiveStepSizes()`, which says so.
    func stepSizes() -> StepSizeReport
    /// Forgets all state, as if newly created.
    mutating func reset()
    /// The state as named vectors (for checkpoints and plots).
    func stateVectors() -> OptimizerStateVectors<Scalar>
    /// Restores a state previously taken with `stateVectors()` from an optimizer of the same shape.
    mutating func restore(_ saved: OptimizerStateVectors<Scalar>) throws(OptimizerStateError)
}

extension Optimizer {
    /// Bytes of optimizer state.
    public var stateBytes: Int { stateElementCount * MemoryLayout<Scalar>.stride }

    /// Convenience for array-held parameters and gradients.
    public mutating func step(parameters: inout [Scalar], gradients: [Scalar]) {
        precondition(parameters.count == gradients.count, "parameters and gradients differ in length")
        gradients.withUnsafeBufferPointer { g in
            parameters.withUnsafeMutableBufferPointer { p in step(parameters: p, gradients: g) }
        }
    }
}
