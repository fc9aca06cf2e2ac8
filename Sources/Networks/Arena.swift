import OptimizerCore

/// The fixed scratch buffers of a network (llm.c's activation memory): allocated when the
/// network is built, freed with it, never during a step.
final class Arena<Scalar: OptimizerScalar> {
    private var allocations: [UnsafeMutablePointer<Scalar>] = []

    /// Creates an empty arena.
    init() {}

    /// A new zeroed buffer of `count` scalars that lives as long as the arena.
    func take(_ count: Int) -> UnsafeMutablePointer<Scalar> {
        let pointer = UnsafeMutablePointer<Scalar>.allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
        allocations.append(pointer)
        return pointer
    }

    deinit {
        for pointer in allocations { pointer.deallocate() }
    }
}
