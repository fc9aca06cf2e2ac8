import Foundation
import OptimizerCore

extension MatrixRegression {
    /// The largest condition number `generate` accepts.
    public static let maximumCondition = 1e12

    /// A random regression whose Xᵀ X / N has exactly the eigenvalues κ^(−k/(m−1)), k = 0 ... m−1
    /// (log-spaced from 1 down to 1/κ), reproducible from `seed`.
    ///
    /// X = √N · U diag(√λ) Vᵀ with U an N × m matrix of orthonormal columns (Gram-Schmidt on
    /// Gaussian samples) and V a Haar-random orthogonal m × m matrix; then Y = X W₀ + σ E with W₀
    /// and E standard normal. Draws come in that order from one `SeededGenerator(seed:)`.
    ///
    /// - Parameters:
    ///   - samples: N, from m to 10 000 (fewer samples than inputs cannot have the spectrum).
    ///   - rows: m; `columns`: n; m · n at most 1000.
    ///   - condition: κ of Xᵀ X / N, 1 ... 1e12.
    ///   - noise: σ ≥ 0, the standard deviation of the Gaussian noise on Y.
    public static func generate(
        samples: Int, rows: Int, columns: Int, condition: Double = 100, noise: Double = 0, seed: UInt64
    ) throws(MatrixRegressionError) -> MatrixRegression {
        guard rows >= 1, columns >= 1, rows * columns <= maximumParameters else {
            throw .shapeOutOfRange(rows: rows, columns: columns)
        }
        guard (rows...maximumSamples).contains(samples) else {
            throw .tooFewSamples(samples: samples, rows: rows)
        }
        guard samples * (rows + columns) <= maximumDataEntries else {
            throw .tooMuchData(samples: samples, rows: rows, columns: columns)
        }
        guard condition.isFinite, (1...maximumCondition).contains(condition) else { throw .invalidCondition(condition) }
        guard noise.isFinite, noise >= 0 else { throw .invalidNoise(noise) }
        var generator = SeededGenerator(seed: seed)
        let basis = Matrix.randomOrthonormalColumns(rows: samples, columns: rows, using: &generator)
        let rotation = Matrix.randomOrthogonal(size: rows, using: &generator)
        let spectrum = (0..<rows).map { k in rows == 1 ? 1 : pow(condition, -Double(k) / Double(rows - 1)) }
        var inputs = Matrix(rows: samples, columns: rows)
        let rootSamples = Double(samples).squareRoot()
        for s in 0..<samples {
            for i in 0..<rows {
                var sum = 0.0
                for k in 0..<rows { sum += basis[s, k] * spectrum[k].squareRoot() * rotation[i, k] }
                inputs[s, i] = rootSamples * sum
            }
        }
        var truth = Matrix(rows: rows, columns: columns)
        for index in truth.elements.indices { truth.elements[index] = generator.nextGaussian() }
        var targets = inputs.multiply(truth)
        for index in targets.elements.indices { targets.elements[index] += noise * generator.nextGaussian() }
        return try MatrixRegression(inputs: inputs, targets: targets)
    }
}
