/// Newton's method, a reference for problems with an exact Hessian:
///
///     p <- p - lr * (H(p) + damping * I)^-1 g
///
/// H is the problem's exact Hessian at the current point, solved in double precision
/// (`DampedNewtonSystem`). When H + damping I is singular the step does not exist: the optimizer
/// leaves p as it is and reports why, and the run stops it as diverged. On a quadratic one step
/// with lr 1 lands on the minimum. eta = lr: its preconditioner is the inverse Hessian, not a
/// diagonal, so the step-size view shows lr alone.
public enum Newton: CustomRule {
    public static let hyperparameters: [HyperparameterDescriptor] = [
        .init("lr", "fraction of the Newton step taken", .nonNegative, default: .real(1)),
        .init("damping", "added to H's diagonal before solving", .nonNegative, default: .real(0)),
    ]

    public static let variants = [OptimizerVariant("newton", "Newton's method: p -= lr (H + damping I)^-1 g with the exact Hessian")]
    public static let adaptsStepSizes = false
    public static let needsHessian = true
    public static func stabilityThreshold(_ h: Hyperparameters) -> Double { 2 }
    public static func weightDecay(_ h: Hyperparameters) -> WeightDecay { .none }

    public static func makeOptimizer<Scalar: OptimizerScalar>(_ build: OptimizerBuild, kind: OptimizerKind) throws(PartitionError) -> any Optimizer<Scalar> {
        guard let hessian = build.hessian, !build.network else { throw .hessianUnavailable(optimizer: "newton") }
        return NewtonOptimizer<Scalar>(kind: kind, hyperparameters: build.hyperparameters, count: build.layout.count, hessian: hessian)
    }
}

/// Newton's method with the problem's Hessian; it keeps no state but the step count.
struct NewtonOptimizer<Scalar: OptimizerScalar>: Optimizer, FallibleOptimizer {
    let kind: OptimizerKind
    var hyperparameters: Hyperparameters
    private let count: Int
    private let hessian: @Sendable ([Double]) -> [Double]
    private var steps = 0
    /// Why the last step did not happen, if it did not.
    private(set) var failure: OptimizerFailure?

    init(kind: OptimizerKind, hyperparameters: Hyperparameters, count: Int, hessian: @escaping @Sendable ([Double]) -> [Double]) {
        self.kind = kind
        self.hyperparameters = hyperparameters
        self.count = count
        self.hessian = hessian
    }

    var learningRate: Double {
        get { hyperparameters.learningRate }
        set { hyperparameters.learningRate = newValue }
    }
    var stepCount: Int { steps }
    var stateElementCount: Int { 0 }

    mutating func step(parameters: UnsafeMutableBufferPointer<Scalar>, gradients: UnsafeBufferPointer<Scalar>) {
        precondition(parameters.count == count && gradients.count == count, "buffer length differs from the layout")
        steps += 1
        let point = parameters.map(Double.init)
        do throws(DampedNewtonSystem.Singular) {
            let direction = try DampedNewtonSystem.solve(hessian: hessian(point), gradient: gradients.map(Double.init),
                                                         damping: hyperparameters.real("damping"))
            let lr = learningRate
            for i in 0..<count { parameters[i] = Scalar(point[i] - lr * direction[i]) }
            failure = nil
        } catch {
            failure = OptimizerFailure(summary: "singular H", description: "step \(steps): \(error.description)")
        }
    }

    func stepSizes() -> StepSizeReport { .uniform(learningRate, count: count) }

    mutating func reset() {
        steps = 0
        failure = nil
    }

    func stateVectors() -> OptimizerStateVectors<Scalar> {
        OptimizerStateVectors(step: steps, vectors: [])
    }

    mutating func restore(_ saved: OptimizerStateVectors<Scalar>) throws(OptimizerStateError) {
        // Newton keeps no vectors: a saved state with any is another optimizer's.
        guard saved.vectors.isEmpty else {
            throw .shapeMismatch(expected: [], found: saved.vectors.map { "\($0.name)[\($0.values.count)]" })
        }
        steps = saved.step
    }
}

extension OptimizerKind {
    /// Newton's method with the exact Hessian.
    public static let newton = OptimizerKind(registered: "newton")
}
