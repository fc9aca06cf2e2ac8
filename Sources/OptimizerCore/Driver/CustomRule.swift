/// A rule that brings its own optimizer type, for updates that are neither one coordinate nor
/// one tensor at a time: Adam-mini's per-block second moments, block-GD's per-block rates from
/// the Hessian. It still registers, lists and validates like every other rule.
public protocol CustomRule: OptimizerRule {
    /// The optimizer for `build`'s layout, hyperparameters and partition.
    static func makeOptimizer<Scalar: OptimizerScalar>(_ build: OptimizerBuild, kind: OptimizerKind) throws(PartitionError) -> any Optimizer<Scalar>
}
