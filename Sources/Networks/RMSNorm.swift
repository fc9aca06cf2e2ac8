import OptimizerCore

/// Llama's RMSNorm as paired kernels: y = x / sqrt(mean(x^2) + eps) * w.
enum RMSNorm {
    /// y (rows, width) from x (rows, width) and w (width); saves rstd (rows) for the backward pass.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func forward<Scalar: OptimizerScalar>(
        _ y: UnsafeMutablePointer<Scalar>, rstd: UnsafeMutablePointer<Scalar>, _ x: UnsafePointer<Scalar>,
        _ w: UnsafePointer<Scalar>, rows: Int, width: Int, eps: Scalar
    ) {
        for n in 0..<rows {
            let xn = x + n * width, yn = y + n * width
            let r = 1 / (Linear.dot(xn, xn, width) / Scalar(width) + eps).squareRoot()
            rstd[n] = r
            for i in 0..<width { yn[i] = xn[i] * r * w[i] }
        }
    }

    /// dx += gradient through the norm (accumulated: the norm sits on a residual branch);
    /// dw += sum_n dy * x * rstd.
    ///
    /// With u = w * dy: dx = rstd * u - x * rstd^3 * mean(u * x).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func backward<Scalar: OptimizerScalar>(
        dx: UnsafeMutablePointer<Scalar>, dw: UnsafeMutablePointer<Scalar>, dy: UnsafePointer<Scalar>,
        x: UnsafePointer<Scalar>, w: UnsafePointer<Scalar>, rstd: UnsafePointer<Scalar>, rows: Int, width: Int
    ) {
        for n in 0..<rows {
            let xn = x + n * width, dyn = dy + n * width, dxn = dx + n * width
            let r = rstd[n]
            var projection: Scalar = 0
            for i in 0..<width { projection += w[i] * dyn[i] * xn[i] }
            let correction = projection / Scalar(width) * r * r * r
            for i in 0..<width {
                dxn[i] += r * w[i] * dyn[i] - xn[i] * correction
                dw[i] += dyn[i] * xn[i] * r
            }
        }
    }
}
