/// A rule whose update treats every coordinate alone: SGD, AdaGrad, RMSprop, Adam and the like.
///
/// The rule writes its formula once, in an `ElementwiseUpdate` generic over the lane type, with
/// the per-step constants (bias corrections, the learning rate) rounded to the run's precision
/// once per step. The driver runs it over SIMD lanes with the scalar tail from the same code,
/// shares the buffer between the worker threads, keeps the state by name, and computes eta with
/// the update's own `stepSize`.
///
/// A minimal rule:
///
///     enum SignDescent: ElementwiseRule {
///         static let hyperparameters = [HyperparameterDescriptor("lr", "learning rate", .nonNegative, default: .real(0.01))]
///         static let variants = [OptimizerVariant("sign-descent", "p -= lr * sign(g)")]
///         static let adaptsStepSizes = false
///         static func stabilityThreshold(_ h: Hyperparameters) -> Double { 2 }
///         static func weightDecay(_ h: Hyperparameters) -> WeightDecay { .none }
///         static func stateVector(_ vector: NoState, _ h: Hyperparameters) -> StateVectorSpec { .init("none", .absent) }
///         static func withUpdate<Body: ElementwiseBody>(_ context: StepContext<Body.Scalar>, _ body: inout Body) {
///             body.run(Update(negativeLR: Body.Scalar(-context.real("lr"))))
///         }
///         struct Update<Scalar: OptimizerScalar>: ElementwiseUpdate {
///             let negativeLR: Scalar
///             func apply<V: OptimizerLane>(_ p: inout V, _ g: V, _ state: StateLanes<V, NoState>) where V.Scalar == Scalar {
///                 p = p + negativeLR * g.signum
///             }
///             func stepSize<V: OptimizerLane>(_ state: StateLanes<V, NoState>) -> V where V.Scalar == Scalar { V(broadcast: -negativeLR) }
///         }
///     }
public protocol ElementwiseRule: OptimizerRule {
    /// The state vectors, in order.
    associatedtype State: StateVectorName
    /// The torch name, length and starting value of `vector` under `hyperparameters`.
    static func stateVector(_ vector: State, _ hyperparameters: Hyperparameters) -> StateVectorSpec
    /// Whether eta is one number for all coordinates (SGD's lr) or one per coordinate.
    static var stepSizesAreUniform: Bool { get }
    /// Builds this step's update from `context` and hands it to `body.run`: the one line that
    /// names the rule's update type for the driver, `body.run(Update(context))`.
    static func withUpdate<Body: ElementwiseBody>(_ context: StepContext<Body.Scalar>, _ body: inout Body)
}

extension ElementwiseRule {
    public static var stepSizesAreUniform: Bool { false }
}

/// One step of an elementwise rule: constants rounded to `Scalar`, and the formula.
public protocol ElementwiseUpdate<Scalar> {
    /// The run's precision.
    associatedtype Scalar: OptimizerScalar
    /// The rule's state vector names.
    associatedtype State: StateVectorName

    /// Updates one coordinate (or eight): reads and writes the state through `state`, and `p`.
    /// `g` is the gradient, never written back.
    func apply<V: OptimizerLane>(_ p: inout V, _ g: V, _ state: StateLanes<V, State>) where V.Scalar == Scalar
    /// eta of this coordinate: what multiplies the gradient (or its momentum) in the update just
    /// taken with this step's constants and the state it left.
    func stepSize<V: OptimizerLane>(_ state: StateLanes<V, State>) -> V where V.Scalar == Scalar
}

/// What the driver does with a rule's update once the rule has built it.
public protocol ElementwiseBody {
    /// The run's precision.
    associatedtype Scalar: OptimizerScalar
    /// Runs `update`.
    mutating func run<Update: ElementwiseUpdate>(_ update: Update) where Update.Scalar == Scalar
}

/// The state of one coordinate (or of eight consecutive ones), read and written by name.
public struct StateLanes<V: OptimizerLane, Name: StateVectorName> {
    let pointers: StatePointers<V.Scalar>
    let index: Int

    /// The value of state vector `name` here.
    @inline(__always)
    public subscript(_ name: Name) -> V {
        get { V.load(UnsafePointer(pointers[name.rawValue] + index)) }
        nonmutating set { newValue.store(to: pointers[name.rawValue] + index) }
    }
}

/// Base addresses of up to four state vectors, in the rule's order.
struct StatePointers<T: OptimizerScalar> {
    static var capacity: Int { 4 }
    private var first, second, third, fourth: UnsafeMutablePointer<T>?

    /// Offsets every pointer by `offset` elements (a chunk whose state starts elsewhere).
    func shifted(by offset: Int) -> StatePointers<T> {
        var copy = self
        copy.first = first.map { $0 + offset }
        copy.second = second.map { $0 + offset }
        copy.third = third.map { $0 + offset }
        copy.fourth = fourth.map { $0 + offset }
        return copy
    }

    @inline(__always)
    subscript(_ index: Int) -> UnsafeMutablePointer<T> {
        switch index {
        case 0: first.unsafelyUnwrapped
        case 1: second.unsafelyUnwrapped
        case 2: third.unsafelyUnwrapped
        default: fourth.unsafelyUnwrapped
        }
    }

    subscript(set index: Int) -> UnsafeMutablePointer<T>? {
        get { index < 3 ? (index < 2 ? (index == 0 ? first : second) : third) : fourth }
        set {
            switch index {
            case 0: first = newValue
            case 1: second = newValue
            case 2: third = newValue
            default: fourth = newValue
            }
        }
    }
}
