/// The standard 2D test functions, each written once over `SmoothScalar` so the same code gives
/// plain values (Double) and exact derivatives (Jet2).
enum SurfaceFormulas {
    static func rosenbrock<T: SmoothScalar>(_ x: T, _ y: T, a: Double, b: Double) -> T {
        square(T(constant: a) - x) + T(constant: b) * square(y - x * x)
    }

    static func beale<T: SmoothScalar>(_ x: T, _ y: T) -> T {
        let y2 = y * y
        return square(1.5 - x + x * y) + square(2.25 - x + x * y2) + square(2.625 - x + x * y2 * y)
    }

    static func himmelblau<T: SmoothScalar>(_ x: T, _ y: T) -> T {
        square(x * x + y - 11) + square(x + y * y - 7)
    }

    static func rastrigin<T: SmoothScalar>(_ x: T, _ y: T, amplitude: Double) -> T {
        let a = T(constant: amplitude)
        let twoPi = T(constant: 2 * Double.pi)
        return 2 * a + x * x - a * cos(twoPi * x) + y * y - a * cos(twoPi * y)
    }

    /// Ackley's function. The cone term −20·exp(−0.2·r) has a kink at r = 0, so there the radius
    /// is treated as a constant: the gradient at the origin is defined as 0 and the Hessian is
    /// that of the smooth cosine term alone.
    static func ackley<T: SmoothScalar>(_ x: T, _ y: T) -> T {
        let halfSquaredRadius = 0.5 * (x * x + y * y)
        let radius: T = halfSquaredRadius.primal == 0 ? 0 : sqrt(halfSquaredRadius)
        let twoPi = T(constant: 2 * Double.pi)
        let ripples = exp(0.5 * (cos(twoPi * x) + cos(twoPi * y)))
        return -20 * exp(-0.2 * radius) - ripples + T(constant: eulerNumber) + 20
    }

    static func booth<T: SmoothScalar>(_ x: T, _ y: T) -> T {
        square(x + 2 * y - 7) + square(2 * x + y - 5)
    }

    static func matyas<T: SmoothScalar>(_ x: T, _ y: T) -> T {
        0.26 * (x * x + y * y) - 0.48 * x * y
    }

    static func goldsteinPrice<T: SmoothScalar>(_ x: T, _ y: T) -> T {
        let xx: T = x * x
        let xy: T = x * y
        let yy: T = y * y
        let firstLinear: T = 19 - 14 * x - 14 * y
        let firstQuadratic: T = 3 * xx + 6 * xy + 3 * yy
        let firstSquare: T = square(x + y + 1)
        let first: T = 1 + firstSquare * (firstLinear + firstQuadratic)
        let secondLinear: T = 18 - 32 * x + 48 * y
        let secondQuadratic: T = 12 * xx - 36 * xy + 27 * yy
        let secondSquare: T = square(2 * x - 3 * y)
        let second: T = 30 + secondSquare * (secondLinear + secondQuadratic)
        return first * second
    }

    static func sixHumpCamel<T: SmoothScalar>(_ x: T, _ y: T) -> T {
        let xx = x * x
        let yy = y * y
        return (4 - 2.1 * xx + xx * xx / 3) * xx + x * y + (-4 + 4 * yy) * yy
    }

    static func threeHumpCamel<T: SmoothScalar>(_ x: T, _ y: T) -> T {
        let xx = x * x
        let x4 = xx * xx
        return 2 * xx - 1.05 * x4 + x4 * xx / 6 + x * y + y * y
    }

    static func styblinskiTang<T: SmoothScalar>(_ x: T, _ y: T) -> T {
        let xx = x * x
        let yy = y * y
        return 0.5 * (xx * xx - 16 * xx + 5 * x + yy * yy - 16 * yy + 5 * y)
    }

    static func mccormick<T: SmoothScalar>(_ x: T, _ y: T) -> T {
        sin(x + y) + square(x - y) - 1.5 * x + 2.5 * y + 1
    }

    static func saddle<T: SmoothScalar>(_ x: T, _ y: T) -> T {
        x * x - y * y
    }

    static func monkeySaddle<T: SmoothScalar>(_ x: T, _ y: T) -> T {
        x * x * x - 3 * x * y * y
    }

    /// 0.5·(l1·u² + l2·v²) where (u, v) is (x, y) rotated by −angle, so the l1 axis points along
    /// the direction `angle` from the x axis.
    static func ellipticBowl<T: SmoothScalar>(
        _ x: T, _ y: T, l1: Double, l2: Double, cosine: Double, sine: Double
    ) -> T {
        let c = T(constant: cosine)
        let s = T(constant: sine)
        let u = c * x + s * y
        let v = c * y - s * x
        return 0.5 * (T(constant: l1) * u * u + T(constant: l2) * v * v)
    }
}

/// Euler's number e.
let eulerNumber = 2.718281828459045
