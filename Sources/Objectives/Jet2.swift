import Foundation

/// A second-order forward-mode number in two variables: a value with its exact gradient and
/// Hessian with respect to (x, y).
///
/// Evaluating a formula on `Jet2.x(_:)` and `Jet2.y(_:)` yields f, ∂f/∂x, ∂f/∂y and the three
/// distinct second derivatives in one pass, exact up to rounding (no finite differences).
public struct Jet2: Sendable, Equatable {
    /// f.
    public var value: Double
    /// ∂f/∂x.
    public var dx: Double
    /// ∂f/∂y.
    public var dy: Double
    /// ∂²f/∂x².
    public var dxx: Double
    /// ∂²f/∂x∂y.
    public var dxy: Double
    /// ∂²f/∂y².
    public var dyy: Double

    /// Creates a jet from all six components.
    public init(value: Double, dx: Double, dy: Double, dxx: Double, dxy: Double, dyy: Double) {
        self.value = value
        self.dx = dx
        self.dy = dy
        self.dxx = dxx
        self.dxy = dxy
        self.dyy = dyy
    }

    /// The variable x at the given value (∂x/∂x = 1).
    public static func x(_ value: Double) -> Jet2 {
        Jet2(value: value, dx: 1, dy: 0, dxx: 0, dxy: 0, dyy: 0)
    }

    /// The variable y at the given value (∂y/∂y = 1).
    public static func y(_ value: Double) -> Jet2 {
        Jet2(value: value, dx: 0, dy: 1, dxx: 0, dxy: 0, dyy: 0)
    }

    /// Whether every derivative is zero, i.e. the jet is a constant at this point.
    public var hasZeroDerivatives: Bool {
        dx == 0 && dy == 0 && dxx == 0 && dxy == 0 && dyy == 0
    }

    /// Applies a scalar function g with g(v) = `f0`, g'(v) = `f1`, g''(v) = `f2` (chain rule to
    /// second order).
    @inline(__always)
    func composed(_ f0: Double, _ f1: Double, _ f2: Double) -> Jet2 {
        Jet2(
            value: f0,
            dx: f1 * dx,
            dy: f1 * dy,
            dxx: f2 * dx * dx + f1 * dxx,
            dxy: f2 * dx * dy + f1 * dxy,
            dyy: f2 * dy * dy + f1 * dyy
        )
    }
}

extension Jet2: SmoothScalar {
    /// A constant: value only.
    public init(constant: Double) {
        self.init(value: constant, dx: 0, dy: 0, dxx: 0, dxy: 0, dyy: 0)
    }

    /// A constant from a literal.
    public init(floatLiteral value: Double) { self.init(constant: value) }

    /// A constant from a literal.
    public init(integerLiteral value: Int) { self.init(constant: Double(value)) }

    /// The value without derivatives.
    public var primal: Double { value }

    /// Sum.
    public static func + (lhs: Jet2, rhs: Jet2) -> Jet2 {
        Jet2(
            value: lhs.value + rhs.value, dx: lhs.dx + rhs.dx, dy: lhs.dy + rhs.dy,
            dxx: lhs.dxx + rhs.dxx, dxy: lhs.dxy + rhs.dxy, dyy: lhs.dyy + rhs.dyy
        )
    }

    /// Difference.
    public static func - (lhs: Jet2, rhs: Jet2) -> Jet2 {
        Jet2(
            value: lhs.value - rhs.value, dx: lhs.dx - rhs.dx, dy: lhs.dy - rhs.dy,
            dxx: lhs.dxx - rhs.dxx, dxy: lhs.dxy - rhs.dxy, dyy: lhs.dyy - rhs.dyy
        )
    }

    /// Product (Leibniz rule to second order).
    public static func * (a: Jet2, b: Jet2) -> Jet2 {
        Jet2(
            value: a.value * b.value,
            dx: a.dx * b.value + a.value * b.dx,
            dy: a.dy * b.value + a.value * b.dy,
            dxx: a.dxx * b.value + 2 * a.dx * b.dx + a.value * b.dxx,
            dxy: a.dxy * b.value + a.dx * b.dy + a.dy * b.dx + a.value * b.dxy,
            dyy: a.dyy * b.value + 2 * a.dy * b.dy + a.value * b.dyy
        )
    }

    /// Quotient, as `a` times the reciprocal of `b`.
    public static func / (a: Jet2, b: Jet2) -> Jet2 {
        let inverse = 1 / b.value
        return a * b.composed(inverse, -inverse * inverse, 2 * inverse * inverse * inverse)
    }

    /// Negation.
    public static prefix func - (operand: Jet2) -> Jet2 {
        Jet2(
            value: -operand.value, dx: -operand.dx, dy: -operand.dy,
            dxx: -operand.dxx, dxy: -operand.dxy, dyy: -operand.dyy
        )
    }

    /// `base` raised to `exponent`.
    ///
    /// When the exponent is locally constant (all its derivatives vanish here) the power rule is
    /// exact and also works for a negative base with an integer exponent; otherwise the power is
    /// differentiated as exp(exponent · log(base)), which needs a positive base.
    public static func power(_ base: Jet2, _ exponent: Jet2) -> Jet2 {
        let n = exponent.value
        if exponent.hasZeroDerivatives {
            let f0 = Foundation.pow(base.value, n)
            // 0 · ∞ would turn the vanishing terms of x^0 and x^1 at x = 0 into NaN.
            let f1 = n == 0 ? 0 : n * Foundation.pow(base.value, n - 1)
            let f2 = n == 0 || n == 1 ? 0 : n * (n - 1) * Foundation.pow(base.value, n - 2)
            return base.composed(f0, f1, f2)
        }
        return apply(.exp, to: exponent * apply(.log, to: base))
    }

    /// The elementary `function` applied to `x`, with its first and second derivatives.
    ///
    /// `abs` has derivative 0 at 0 (the symmetric choice), and second derivative 0 everywhere.
    public static func apply(_ function: ElementaryFunction, to x: Jet2) -> Jet2 {
        let v = x.value
        switch function {
        case .sin:
            let s = Foundation.sin(v)
            return x.composed(s, Foundation.cos(v), -s)
        case .cos:
            let c = Foundation.cos(v)
            return x.composed(c, -Foundation.sin(v), -c)
        case .tan:
            let t = Foundation.tan(v)
            let slope = 1 + t * t
            return x.composed(t, slope, 2 * t * slope)
        case .exp:
            let e = Foundation.exp(v)
            return x.composed(e, e, e)
        case .log:
            let inverse = 1 / v
            return x.composed(Foundation.log(v), inverse, -inverse * inverse)
        case .sqrt:
            let r = v.squareRoot()
            let slope = 0.5 / r
            return x.composed(r, slope, -0.5 * slope / v)
        case .abs:
            let sign: Double = v > 0 ? 1 : (v < 0 ? -1 : 0)
            return x.composed(Swift.abs(v), sign, 0)
        case .tanh:
            let t = Foundation.tanh(v)
            let slope = 1 - t * t
            return x.composed(t, slope, -2 * t * slope)
        case .sinh:
            let s = Foundation.sinh(v)
            return x.composed(s, Foundation.cosh(v), s)
        case .cosh:
            let c = Foundation.cosh(v)
            return x.composed(c, Foundation.sinh(v), c)
        }
    }
}
