/// An elementary function that formulas and surfaces may apply to a number.
public enum ElementaryFunction: String, CaseIterable, Sendable, Codable {
    /// Sine.
    case sin
    /// Cosine.
    case cos
    /// Tangent.
    case tan
    /// Exponential.
    case exp
    /// Natural logarithm.
    case log
    /// Square root.
    case sqrt
    /// Absolute value (derivative 0 at 0).
    case abs
    /// Hyperbolic tangent.
    case tanh
    /// Hyperbolic sine.
    case sinh
    /// Hyperbolic cosine.
    case cosh
}

/// A number type that surfaces and formulas are written against once: plain `Double` for fast
/// values, `Jet2` for exact first and second derivatives.
public protocol SmoothScalar: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, Sendable {
    /// A number with this value and no dependence on the variables.
    init(constant: Double)
    /// The plain value, without derivatives.
    var primal: Double { get }
    /// Sum.
    static func + (lhs: Self, rhs: Self) -> Self
    /// Difference.
    static func - (lhs: Self, rhs: Self) -> Self
    /// Product.
    static func * (lhs: Self, rhs: Self) -> Self
    /// Quotient.
    static func / (lhs: Self, rhs: Self) -> Self
    /// Negation.
    static prefix func - (operand: Self) -> Self
    /// `base` raised to `exponent` (real-valued: a negative base needs an integer exponent).
    static func power(_ base: Self, _ exponent: Self) -> Self
    /// The elementary `function` applied to `x`.
    static func apply(_ function: ElementaryFunction, to x: Self) -> Self
}

// Free-function spellings keep the surface formulas readable, e.g. `sin(x + y)`.

@inline(__always) func sin<T: SmoothScalar>(_ x: T) -> T { T.apply(.sin, to: x) }
@inline(__always) func cos<T: SmoothScalar>(_ x: T) -> T { T.apply(.cos, to: x) }
@inline(__always) func exp<T: SmoothScalar>(_ x: T) -> T { T.apply(.exp, to: x) }
@inline(__always) func sqrt<T: SmoothScalar>(_ x: T) -> T { T.apply(.sqrt, to: x) }
@inline(__always) func square<T: SmoothScalar>(_ x: T) -> T { x * x }
