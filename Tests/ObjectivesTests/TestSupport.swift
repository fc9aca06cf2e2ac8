import Objectives
import OptimizerCore
import XCTest

/// Central difference with one Richardson step (error O(h⁴)) of a scalar function of one variable.
func richardsonDerivative(at x: Double, step h: Double, _ f: (Double) -> Double) -> Double {
    let coarse = (f(x + h) - f(x - h)) / (2 * h)
    let fine = (f(x + h / 2) - f(x - h / 2)) / h
    return (4 * fine - coarse) / 3
}

/// Asserts |actual − expected| ≤ relative · max(1, |expected|) + absolute.
func assertClose(
    _ actual: Double, _ expected: Double, relative: Double, absolute: Double = 0,
    _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line
) {
    let tolerance = relative * max(1, abs(expected)) + absolute
    XCTAssertLessThanOrEqual(
        abs(actual - expected), tolerance,
        "\(actual) vs expected \(expected) (tolerance \(tolerance)) \(message())", file: file, line: line
    )
}

/// Checks the exact gradient against differences of the value and the exact Hessian against
/// differences of the exact gradient, at `point`.
func assertDerivativesMatchFiniteDifferences(
    of objective: some PlanarObjective, at point: [Double], label: String,
    file: StaticString = #filePath, line: UInt = #line
) {
    let (x, y) = (point[0], point[1])
    let h = 1e-3 * max(1, abs(x), abs(y))
    let exact = objective.jet(x: x, y: y)
    let value = exact.value
    // Rounding in the differences grows like ε·|f|/h; the slack covers it.
    let slack = 1e-9 * abs(value) / h
    let gx = richardsonDerivative(at: x, step: h) { objective.value(x: $0, y: y) }
    let gy = richardsonDerivative(at: y, step: h) { objective.value(x: x, y: $0) }
    assertClose(exact.dx, gx, relative: 1e-6, absolute: slack, "\(label) df/dx at \(point)", file: file, line: line)
    assertClose(exact.dy, gy, relative: 1e-6, absolute: slack, "\(label) df/dy at \(point)", file: file, line: line)

    let gradientSlack = 1e-9 * (abs(exact.dx) + abs(exact.dy)) / h
    let hxx = richardsonDerivative(at: x, step: h) { objective.jet(x: $0, y: y).dx }
    let hxy = richardsonDerivative(at: y, step: h) { objective.jet(x: x, y: $0).dx }
    let hyx = richardsonDerivative(at: x, step: h) { objective.jet(x: $0, y: y).dy }
    let hyy = richardsonDerivative(at: y, step: h) { objective.jet(x: x, y: $0).dy }
    let tolerance = (relative: 1e-6, absolute: gradientSlack)
    assertClose(exact.dxx, hxx, relative: tolerance.relative, absolute: tolerance.absolute,
                "\(label) d2f/dx2 at \(point)", file: file, line: line)
    assertClose(exact.dxy, hxy, relative: tolerance.relative, absolute: tolerance.absolute,
                "\(label) d2f/dxdy at \(point)", file: file, line: line)
    assertClose(exact.dxy, hyx, relative: tolerance.relative, absolute: tolerance.absolute,
                "\(label) d2f/dydx at \(point)", file: file, line: line)
    assertClose(exact.dyy, hyy, relative: tolerance.relative, absolute: tolerance.absolute,
                "\(label) d2f/dy2 at \(point)", file: file, line: line)
}

/// `count` points drawn uniformly from `box`, reproducibly.
func randomPoints(in box: ViewBox, count: Int, seed: UInt64) -> [[Double]] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in
        [
            box.x.lowerBound + generator.nextUniform() * box.width,
            box.y.lowerBound + generator.nextUniform() * box.height,
        ]
    }
}

/// A random symmetric matrix with standard normal entries.
func randomSymmetricMatrix(size n: Int, seed: UInt64) -> Matrix {
    var generator = SeededGenerator(seed: seed)
    var matrix = Matrix(rows: n, columns: n)
    for i in 0..<n {
        for j in 0...i {
            let sample = generator.nextGaussian()
            matrix[i, j] = sample
            matrix[j, i] = sample
        }
    }
    return matrix
}
