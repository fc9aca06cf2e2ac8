/// The type an update formula computes in: one scalar, or eight of them in SIMD lanes.
///
/// A rule writes its formula once, generic over an `OptimizerLane` whose `Scalar` is the run's
/// precision; the driver runs it on `SIMD8<Scalar>` over the bulk of a buffer and on
/// `ScalarLane<Scalar>` over the tail, so the two can never disagree. Only operations that round the same way
/// in both forms are offered (no fused multiply-add is formed either way).
public protocol OptimizerLane: Sendable {
    /// The floating-point type of one element.
    associatedtype Scalar: OptimizerScalar

    /// Elements in one value: 8 for the lanes, 1 for the tail.
    static var width: Int { get }
    /// Every element equal to `scalar`.
    init(broadcast scalar: Scalar)
    /// Reads `width` consecutive elements (any alignment).
    static func load(_ pointer: UnsafePointer<Scalar>) -> Self
    /// Writes `width` consecutive elements (any alignment).
    func store(to pointer: UnsafeMutablePointer<Scalar>)

    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static func / (lhs: Self, rhs: Self) -> Self
    static func + (lhs: Self, rhs: Scalar) -> Self
    static func - (lhs: Self, rhs: Scalar) -> Self
    static func * (lhs: Scalar, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Scalar) -> Self
    static func / (lhs: Self, rhs: Scalar) -> Self
    static func / (lhs: Scalar, rhs: Self) -> Self
    static prefix func - (operand: Self) -> Self

    /// The IEEE square root of every element.
    func squareRoot() -> Self
    /// |x| of every element.
    var magnitude: Self { get }
    /// `Swift.max(a, b)` of every element: `b` where `b >= a`, else `a` (so a NaN in `a` stays).
    static func greater(_ a: Self, _ b: Self) -> Self
    /// `Swift.min(a, b)` of every element: `b` where `b < a`, else `a` (so a NaN in `a` stays).
    static func lesser(_ a: Self, _ b: Self) -> Self
    /// -1, 0 or 1 by the sign of every element (0 for zeros and NaN), as torch's `sign`.
    var signum: Self { get }
    /// `ifTrue` where `a > b`, else `ifFalse`, element by element.
    static func select(_ a: Self, greaterThan b: Self, _ ifTrue: Self, else ifFalse: Self) -> Self
    /// `ifTrue` where `a < b`, else `ifFalse`, element by element.
    static func select(_ a: Self, lessThan b: Self, _ ifTrue: Self, else ifFalse: Self) -> Self
}

extension OptimizerLane {
    /// torch's CPU `lerp`: `start + weight * (end - start)` computed from the start when
    /// |weight| < 0.5, else from the end, so moments round as in the reference.
    @inline(__always)
    public func lerp(to end: Self, weight: Scalar) -> Self {
        abs(weight) < 0.5 ? self + weight * (end - self) : end - (end - self) * (1 - weight)
    }
}

extension OptimizerScalar {
    /// torch's CPU `lerp` on one number (the lane formula above), for rules that work on whole
    /// tensors rather than lanes.
    @inline(__always)
    public func lerp(to end: Self, weight: Self) -> Self {
        ScalarLane(self).lerp(to: ScalarLane(end), weight: weight).value
    }
}

/// One element as a lane: what the driver runs a formula on for the tail of a buffer.
public struct ScalarLane<Scalar: OptimizerScalar>: OptimizerLane {
    /// The element.
    public var value: Scalar

    /// Wraps one element.
    @inline(__always) public init(_ value: Scalar) { self.value = value }

    public static var width: Int { 1 }
    @inline(__always) public init(broadcast scalar: Scalar) { value = scalar }
    @inline(__always) public static func load(_ pointer: UnsafePointer<Scalar>) -> Self { Self(pointer.pointee) }
    @inline(__always) public func store(to pointer: UnsafeMutablePointer<Scalar>) { pointer.pointee = value }

    @inline(__always) public static func + (lhs: Self, rhs: Self) -> Self { Self(lhs.value + rhs.value) }
    @inline(__always) public static func - (lhs: Self, rhs: Self) -> Self { Self(lhs.value - rhs.value) }
    @inline(__always) public static func * (lhs: Self, rhs: Self) -> Self { Self(lhs.value * rhs.value) }
    @inline(__always) public static func / (lhs: Self, rhs: Self) -> Self { Self(lhs.value / rhs.value) }
    @inline(__always) public static func + (lhs: Self, rhs: Scalar) -> Self { Self(lhs.value + rhs) }
    @inline(__always) public static func - (lhs: Self, rhs: Scalar) -> Self { Self(lhs.value - rhs) }
    @inline(__always) public static func * (lhs: Scalar, rhs: Self) -> Self { Self(lhs * rhs.value) }
    @inline(__always) public static func * (lhs: Self, rhs: Scalar) -> Self { Self(lhs.value * rhs) }
    @inline(__always) public static func / (lhs: Self, rhs: Scalar) -> Self { Self(lhs.value / rhs) }
    @inline(__always) public static func / (lhs: Scalar, rhs: Self) -> Self { Self(lhs / rhs.value) }
    @inline(__always) public static prefix func - (operand: Self) -> Self { Self(-operand.value) }

    @inline(__always) public func squareRoot() -> Self { Self(value.squareRoot()) }
    @inline(__always) public var magnitude: Self { Self(value.magnitude) }
    @inline(__always) public static func greater(_ a: Self, _ b: Self) -> Self { Self(Swift.max(a.value, b.value)) }
    @inline(__always) public static func lesser(_ a: Self, _ b: Self) -> Self { Self(Swift.min(a.value, b.value)) }
    @inline(__always) public var signum: Self { Self(value > 0 ? 1 : (value < 0 ? -1 : 0)) }
    @inline(__always)
    public static func select(_ a: Self, greaterThan b: Self, _ ifTrue: Self, else ifFalse: Self) -> Self { a.value > b.value ? ifTrue : ifFalse }
    @inline(__always)
    public static func select(_ a: Self, lessThan b: Self, _ ifTrue: Self, else ifFalse: Self) -> Self { a.value < b.value ? ifTrue : ifFalse }
}

extension SIMD8: OptimizerLane where Scalar: OptimizerScalar {
    public static var width: Int { 8 }
    @inline(__always) public init(broadcast scalar: Scalar) { self.init(repeating: scalar) }
    @inline(__always)
    public static func load(_ pointer: UnsafePointer<Scalar>) -> Self { UnsafeRawPointer(pointer).loadUnaligned(as: Self.self) }
    @inline(__always)
    public func store(to pointer: UnsafeMutablePointer<Scalar>) { UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: Self.self) }
    @inline(__always)
    public var magnitude: Self {
        // -0 becomes +0 as with a scalar's magnitude.
        let flipped = replacing(with: -self, where: self .< 0)
        return flipped.replacing(with: 0, where: flipped .== 0)
    }
    @inline(__always) public static func greater(_ a: Self, _ b: Self) -> Self { a.replacing(with: b, where: a .<= b) }
    @inline(__always) public static func lesser(_ a: Self, _ b: Self) -> Self { a.replacing(with: b, where: b .< a) }
    @inline(__always)
    public var signum: Self {
        Self(repeating: 0).replacing(with: 1, where: self .> 0).replacing(with: -1, where: self .< 0)
    }
    @inline(__always)
    public static func select(_ a: Self, greaterThan b: Self, _ ifTrue: Self, else ifFalse: Self) -> Self {
        ifFalse.replacing(with: ifTrue, where: a .> b)
    }
    @inline(__always)
    public static func select(_ a: Self, lessThan b: Self, _ ifTrue: Self, else ifFalse: Self) -> Self {
        ifFalse.replacing(with: ifTrue, where: a .< b)
    }
}
