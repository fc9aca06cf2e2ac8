/// Eight lanes: two SSE or one AVX register of Float; wide enough to keep memory busy.
typealias Lanes<T: OptimizerScalar> = SIMD8<T>

/// Loads eight consecutive elements (any alignment).
@inline(__always)
func loadLanes<T: OptimizerScalar>(_ pointer: UnsafePointer<T>) -> Lanes<T> {
    UnsafeRawPointer(pointer).loadUnaligned(as: Lanes<T>.self)
}

/// Loads eight consecutive elements (any alignment).
@inline(__always)
func loadLanes<T: OptimizerScalar>(_ pointer: UnsafeMutablePointer<T>) -> Lanes<T> {
    UnsafeRawPointer(pointer).loadUnaligned(as: Lanes<T>.self)
}

/// Stores eight consecutive elements (any alignment).
@inline(__always)
func storeLanes<T: OptimizerScalar>(_ value: Lanes<T>, _ pointer: UnsafeMutablePointer<T>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: Lanes<T>.self)
}
