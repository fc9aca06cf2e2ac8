/// The spectrum of one block as a discrete measure: eigenvalues (or Ritz values) with weights
/// adding up to 1, from which its density, extreme eigenvalues and moments follow.
public struct BlockSpectrum: Sendable, Equatable {
    /// The block's name.
    public let name: String
    /// Its coordinates.
    public let size: Int
    /// Exact eigenvalues or stochastic Lanczos quadrature.
    public let method: SpectrumMethod
    /// Eigenvalues (exact) or the Ritz values of every probe (Lanczos).
    public let nodes: [Double]
    /// 1 / size for each eigenvalue (exact); quadrature weight / probes for each Ritz value.
    public let weights: [Double]

    /// Creates a spectrum.
    ///
    /// - Precondition: as many weights as nodes, at least one.
    public init(name: String, size: Int, method: SpectrumMethod, nodes: [Double], weights: [Double]) {
        precondition(!nodes.isEmpty && nodes.count == weights.count, "one weight per node")
        self.name = name
        self.size = size
        self.method = method
        self.nodes = nodes
        self.weights = weights
    }

    /// The smallest eigenvalue (Lanczos: the smallest Ritz value, never below the true one).
    public var lambdaMin: Double { nodes.min() ?? .nan }
    /// The largest eigenvalue (Lanczos: the largest Ritz value, never above the true one).
    public var lambdaMax: Double { nodes.max() ?? .nan }

    /// lambda_max / lambda_min, or nil when the block is not positive definite (lambda_min <= 0),
    /// where the ratio would not be a condition number.
    public var condition: Double? {
        let low = lambdaMin
        return low > 0 ? lambdaMax / low : nil
    }

    /// The k-th moment of the measure, sum of weight * node^k: for exact eigenvalues
    /// tr(A^k) / n; for Lanczos an unbiased estimate of it (exact for k < 2 * steps per probe).
    public func moment(_ k: Int) -> Double {
        var sum = 0.0
        for (node, weight) in zip(nodes, weights) { sum += weight * pow(node, k) }
        return sum
    }

    private func pow(_ x: Double, _ k: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(k, 0) { result *= x }
        return result
    }
}
