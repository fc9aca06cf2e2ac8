extension Quadratic {
    /// The heterogeneous block quadratic used to compare GD, Adam and Adam-mini: three dense
    /// 30 × 30 blocks with eigenvalues log-spaced in [1, 2], [10, 20] and [100, 200], no
    /// coupling, minimum at the origin.
    public static func heterogeneousBlocksExample(seed: UInt64 = 0) -> Quadratic {
        let blocks: [QuadraticBlockSpec] = [1.0, 10, 100].map { .conditioned(size: 30, condition: 2, scale: $0) }
        do {
            return try generate(blocks: blocks, coupling: 0, seed: seed, minimum: nil)
        } catch {
            preconditionFailure("the fixed example specification is valid: \(error)")
        }
    }
}
