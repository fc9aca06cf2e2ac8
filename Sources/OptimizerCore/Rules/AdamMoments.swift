/// What NAdam and RAdam share with Adam, rounded to the run's precision once per step: weight decay
/// (an L2 term in the gradient, or decoupled p *= 1 - lr * wd) and the two moments
///
///     exp_avg.lerp_(grad, 1 - beta1)
///     exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
///
/// read from the hyperparameters `betas`, `weight_decay` and `decoupled_weight_decay`.
struct AdamMoments<Scalar: OptimizerScalar> {
    let oneMinusBeta1, beta2, oneMinusBeta2, l2, decayFactor: Scalar
    let hasL2, hasDecoupled: Bool

    init(_ c: StepContext<Scalar>) {
        let (beta1, beta2) = c.pair("betas")
        let wd = c.real("weight_decay"), decoupled = c.flag("decoupled_weight_decay")
        oneMinusBeta1 = Scalar(1 - beta1)
        self.beta2 = Scalar(beta2)
        oneMinusBeta2 = Scalar(1 - beta2)
        l2 = Scalar(decoupled ? 0 : wd)
        decayFactor = Scalar(1 - c.real("lr") * (decoupled ? wd : 0))
        hasL2 = !decoupled && wd != 0
        hasDecoupled = decoupled && wd != 0
    }

    /// Decays `p` or the gradient, updates `m` and `v`; returns the gradient the update uses.
    @inline(__always)
    func update<V: OptimizerLane>(_ p: inout V, _ g: V, firstMoment m: inout V, secondMoment v: inout V) -> V where V.Scalar == Scalar {
        var d = g
        if hasL2 { d = d + l2 * p }
        if hasDecoupled { p = p * decayFactor }
        m = m.lerp(to: d, weight: oneMinusBeta1)
        v = v * beta2 + oneMinusBeta2 * d * d
        return d
    }
}
