import OptimizerCore

/// Unaligned four-lane loads and stores: the SIMD building block of every kernel here.
///
/// Four lanes of `Float` fill one SSE/NEON register, the widest the baseline targets guarantee.
enum Vector4 {
    /// Four consecutive scalars starting at `p`.
    @inline(__always)
    static func load<Scalar: OptimizerScalar>(_ p: UnsafePointer<Scalar>) -> SIMD4<Scalar> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Scalar>.self)
    }

    /// Writes four consecutive scalars starting at `p`.
    @inline(__always)
    static func store<Scalar: OptimizerScalar>(_ v: SIMD4<Scalar>, _ p: UnsafeMutablePointer<Scalar>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Scalar>.self)
    }
}
