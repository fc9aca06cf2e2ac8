/// What every optimizer rule declares, whatever the shape of its update: its hyperparameters
/// (torch names and defaults, written here once), the kinds it registers, and the facts the
/// loaders, the legend and the curvature views ask about it.
///
/// A rule is a caseless enum; its update comes from one of the refinements the driver runs:
/// `ElementwiseRule` (a formula per coordinate, run in SIMD lanes and a scalar tail from the
/// same code), `TensorRule` (a whole tensor at a time, with its shape) or `CustomRule` (an
/// optimizer of its own, such as Adam-mini's blocks). `OptimizerRegistry.standard` lists them.
public protocol OptimizerRule: Sendable {
    /// Every hyperparameter, torch names, ranges and defaults, in the order listings show them.
    static var hyperparameters: [HyperparameterDescriptor] { get }
    /// The kinds this rule registers: one usually; SGD registers gd, sgd, momentum and nesterov,
    /// which differ only in defaults.
    static var variants: [OptimizerVariant] { get }
    /// The hyperparameter that schedules and the UI scale: `lr`, or block-GD's `scale`.
    static var learningRateName: String { get }
    /// Whether eta comes from gradient statistics, so that there is none before the first update.
    static var adaptsStepSizes: Bool { get }
    /// Whether the rule needs the problem's exact Hessian (a reference such as block-GD), so that
    /// it cannot train a network.
    static var needsHessian: Bool { get }
    /// How the rule uses a partition of the parameters into blocks, or nil when it uses none.
    static var partition: PartitionUse? { get }

    /// Checks combinations of values that torch refuses (each value's range is checked already).
    static func validate(_ hyperparameters: Hyperparameters) throws(HyperparameterError)
    /// The largest lambda_max(P^1/2 H P^1/2) at which the iteration is stable on a quadratic, with
    /// P = diag(eta): 2 without momentum, the heavy-ball or Nesterov bound with it.
    static func stabilityThreshold(_ hyperparameters: Hyperparameters) -> Double
    /// How weight decay enters the update: as an L2 term in the gradient (which the Hessian the
    /// optimizer descends includes) or decoupled from it.
    static func weightDecay(_ hyperparameters: Hyperparameters) -> WeightDecay
}

extension OptimizerRule {
    public static var learningRateName: String { "lr" }
    public static var needsHessian: Bool { false }
    public static var partition: PartitionUse? { nil }
    public static func validate(_ hyperparameters: Hyperparameters) throws(HyperparameterError) {}

    /// (2 + 2 mu) / (1 - dampening), the stability bound of heavy-ball momentum; infinite where
    /// the buffer ignores new gradients (dampening 1).
    public static func heavyBallThreshold(momentum: Double, dampening: Double) -> Double {
        dampening < 1 ? (2 + 2 * momentum) / (1 - dampening) : .infinity
    }

    /// Adam's first moment as heavy-ball momentum: beta1 with dampening beta1 (from `betas`).
    public static func firstMomentThreshold(_ h: Hyperparameters) -> Double {
        heavyBallThreshold(momentum: h.pair("betas").0, dampening: h.pair("betas").0)
    }
}

/// How an optimizer applies weight decay.
public enum WeightDecay: Sendable, Hashable {
    /// None (or a rule without weight decay).
    case none
    /// g += wd * p before the update: part of the gradient, so of the Hessian the optimizer sees.
    case l2(Double)
    /// p *= 1 - lr * wd beside the update (AdamW), outside the preconditioned step.
    case decoupled(Double)

    /// `weight_decay`, decoupled when `decoupled_weight_decay` is set and L2 otherwise (torch's
    /// Adam, RAdam and NAdam).
    public static func chosen(by h: Hyperparameters) -> WeightDecay {
        h.flag("decoupled_weight_decay") ? .decoupled(h.real("weight_decay")) : .l2(h.real("weight_decay"))
    }

    /// The decay that adds to every eigenvalue of the Hessian the optimizer descends.
    public var gradientTerm: Double {
        if case .l2(let x) = self { x } else { 0 }
    }
}

/// How a rule cuts the parameters into blocks (Adam-mini's second moments, block-GD's rates).
public struct PartitionUse: Sendable, Hashable {
    /// Whether the official Adam-mini name rules (dim, n_heads, n_kv_heads) apply.
    public var usesNameRules: Bool
    /// The partition used when none is given; nil means the problem's default.
    public var fallback: PartitionStrategy?

    /// Creates a use.
    public init(usesNameRules: Bool, fallback: PartitionStrategy? = nil) {
        self.usesNameRules = usesNameRules
        self.fallback = fallback
    }
}
