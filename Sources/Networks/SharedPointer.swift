/// A raw pointer handed to parallel workers that write disjoint rows of the same buffer.
struct SharedPointer<Scalar>: @unchecked Sendable {
    /// The buffer's first element.
    let base: UnsafeMutablePointer<Scalar>

    /// Wraps a mutable pointer.
    init(_ base: UnsafeMutablePointer<Scalar>) { self.base = base }
    /// Wraps a read-only pointer (the workers only read through it).
    init(_ base: UnsafePointer<Scalar>) { self.base = UnsafeMutablePointer(mutating: base) }
}
