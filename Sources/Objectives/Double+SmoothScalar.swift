import Foundation

extension Double: SmoothScalar {
    /// The value itself: a plain double carries no derivatives.
    @inlinable public init(constant: Double) { self = constant }

    /// The value itself.
    @inlinable public var primal: Double { self }

    /// `pow(base, exponent)`.
    @inlinable public static func power(_ base: Double, _ exponent: Double) -> Double {
        Foundation.pow(base, exponent)
    }

    /// The C library's implementation of `function`.
    @inlinable public static func apply(_ function: ElementaryFunction, to x: Double) -> Double {
        switch function {
        case .sin: Foundation.sin(x)
        case .cos: Foundation.cos(x)
        case .tan: Foundation.tan(x)
        case .exp: Foundation.exp(x)
        case .log: Foundation.log(x)
        case .sqrt: x.squareRoot()
        case .abs: Swift.abs(x)
        case .tanh: Foundation.tanh(x)
        case .sinh: Foundation.sinh(x)
        case .cosh: Foundation.cosh(x)
        }
    }
}
