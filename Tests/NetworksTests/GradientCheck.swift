import OptimizerCore
import XCTest

/// Central-difference gradient checks in Double.
enum GradientCheck {
    /// d f / d x_i for every i, by (f(x + h e_i) - f(x - h e_i)) / 2h.
    static func numeric(_ f: ([Double]) -> Double, at x: [Double], step h: Double = 1e-6) -> [Double] {
        var probe = x
        return x.indices.map { i in
            probe[i] = x[i] + h
            let plus = f(probe)
            probe[i] = x[i] - h
            let minus = f(probe)
            probe[i] = x[i]
            return (plus - minus) / (2 * h)
        }
    }

    /// Asserts analytic and numeric gradients agree to `tolerance` relative to the larger norm.
    static func assertClose(_ analytic: [Double], _ numeric: [Double], tolerance: Double = 1e-6, _ label: String,
                            file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(analytic.count, numeric.count, label, file: file, line: line)
        let scale = max(1e-12, zip(analytic, numeric).map { max(abs($0), abs($1)) }.max() ?? 0)
        var worst = 0.0, worstIndex = 0
        for (i, (a, n)) in zip(analytic, numeric).enumerated() where abs(a - n) / scale > worst {
            worst = abs(a - n) / scale
            worstIndex = i
        }
        XCTAssertLessThan(worst, tolerance, "\(label): coordinate \(worstIndex) analytic \(analytic[worstIndex]) numeric \(numeric[worstIndex])",
                          file: file, line: line)
    }

    /// Reproducible values N(0, scale).
    static func random(_ count: Int, seed: UInt64, scale: Double = 1) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in generator.nextGaussian() * scale }
    }

    /// sum(r * y): turns a vector output into a scalar whose gradient with respect to y is r.
    static func project(_ y: [Double], _ r: [Double]) -> Double {
        zip(y, r).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
