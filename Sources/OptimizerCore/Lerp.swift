/// Linear interpolation exactly as torch's CPU `lerp` kernel computes it, so float32 moments
/// round the same way as the reference.
enum Lerp {
    /// `start + weight * (end - start)`, computed from whichever end torch computes it from.
    @inline(__always)
    static func torch<T: OptimizerScalar>(_ start: T, _ end: T, weight: T) -> T {
        abs(weight) < 0.5 ? start + weight * (end - start) : end - (end - start) * (1 - weight)
    }
}
