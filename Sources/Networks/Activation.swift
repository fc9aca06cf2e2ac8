import OptimizerCore
import RealModule

/// The nonlinearity between the MLP's layers.
public enum Activation: String, Codable, Sendable, CaseIterable {
    /// Hyperbolic tangent.
    case tanh
    /// max(0, x).
    case relu
    /// PyTorch's exact GELU: x * Phi(x) with the erf form.
    case gelu

    /// y = f(x) over `count` elements.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward<Scalar: OptimizerScalar>(_ y: UnsafeMutablePointer<Scalar>, _ x: UnsafePointer<Scalar>, count: Int) {
        switch self {
        case .tanh: for i in 0..<count { y[i] = Scalar.tanh(x[i]) }
        case .relu: for i in 0..<count { y[i] = Swift.max(x[i], 0) }
        case .gelu:
            let inverseRoot2 = 1 / Scalar(2).squareRoot()
            for i in 0..<count { y[i] = x[i] * (1 + Scalar.erf(x[i] * inverseRoot2)) / 2 }
        }
    }

    /// dx = dy * f'(x) over `count` elements (f' evaluated from the pre-activation x).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward<Scalar: OptimizerScalar>(
        _ dx: UnsafeMutablePointer<Scalar>, dy: UnsafePointer<Scalar>, x: UnsafePointer<Scalar>, count: Int
    ) {
        switch self {
        case .tanh:
            for i in 0..<count {
                let t = Scalar.tanh(x[i])
                dx[i] = dy[i] * (1 - t * t)
            }
        case .relu: for i in 0..<count { dx[i] = x[i] > 0 ? dy[i] : 0 }
        case .gelu:
            let inverseRoot2 = 1 / Scalar(2).squareRoot()
            let inverseRoot2Pi = 1 / (2 * Scalar.pi).squareRoot()
            for i in 0..<count {
                let v = x[i]
                let cdf = (1 + Scalar.erf(v * inverseRoot2)) / 2
                dx[i] = dy[i] * (cdf + v * Scalar.exp(-v * v / 2) * inverseRoot2Pi)
            }
        }
    }
}
