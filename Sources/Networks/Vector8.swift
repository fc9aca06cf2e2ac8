import OptimizerCore

/// Unaligned eight-lane loads: the matrix-product kernels' width, two SSE registers or one AVX one
/// (descent is compiled for the machine it runs on).
enum Vector8 {
    /// Eight consecutive scalars starting at `p`.
    @inline(__always)
    static func load<Scalar: OptimizerScalar>(_ p: UnsafePointer<Scalar>) -> SIMD8<Scalar> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Scalar>.self)
    }
}

