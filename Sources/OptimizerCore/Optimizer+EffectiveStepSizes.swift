extension Optimizer {
    /// eta of the update that produced the current point, or nil before the first update of an
    /// adaptive method (its statistics are still the initial ones, and lr / eps would say nothing).
    ///
    /// Methods with fixed rates (GD, SGD, momentum, Nesterov, block-GD) report their rate at step 0
    /// too: the one they hold, which the first update will use unless a schedule changes it.
    public func effectiveStepSizes() -> StepSizeReport? {
        hasEffectiveStepSizes ? stepSizes() : nil
    }

    /// Whether `effectiveStepSizes()` has an answer: false only before an adaptive method's first update.
    public var hasEffectiveStepSizes: Bool { !(stepCount == 0 && kind.adaptsStepSizes) }
}
