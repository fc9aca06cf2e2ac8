import Objectives
import OptimizerCore

extension Race {
    /// The preconditioned curvature of racer `index` at the current step, with the objective's
    /// exact Hessian at the racer's point; nil before an adaptive method's first update or once
    /// the racer's values are not finite.
    public func preconditionedCurvature(racer index: Int) -> PreconditionedCurvature? {
        let racer = racers[index]
        let known = objective.quadraticModel?.eigen.values
        return PreconditionedCurvature.measure(optimizer: racer.optimizer, hessian: objective.hessian(at: racer.position),
                                               hessianEigenvalues: known)
    }

    /// lambda_max of P^1/2 H P^1/2 alone for racer `index` at the current step (Lanczos), for a
    /// sharpness history; nil in the same cases as `preconditionedCurvature(racer:)`.
    public func preconditionedSharpness(racer index: Int) -> PreconditionedSharpness? {
        let racer = racers[index]
        return PreconditionedCurvature.sharpness(optimizer: racer.optimizer, hessian: objective.hessian(at: racer.position))
    }
}
