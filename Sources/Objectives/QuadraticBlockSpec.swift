/// How to generate one dense diagonal block of a quadratic's Hessian.
public enum QuadraticBlockSpec: Sendable, Codable, Equatable {
    /// A block with exactly these (positive) eigenvalues; its size is their count.
    case eigenvalues([Double])
    /// A block of `size` with eigenvalues log-spaced from `scale` to `scale · condition`.
    case conditioned(size: Int, condition: Double, scale: Double = 1)

    /// Number of rows of the block.
    public var size: Int {
        switch self {
        case let .eigenvalues(values): values.count
        case let .conditioned(size, _, _): size
        }
    }

    /// The block's eigenvalues in ascending order.
    ///
    /// For `.conditioned`, λ_i = scale · condition^(i / (size − 1)) for i = 0..<size.
    public var spectrum: [Double] {
        switch self {
        case let .eigenvalues(values):
            return values.sorted()
        case let .conditioned(size, condition, scale):
            guard size > 1 else { return Array(repeating: scale, count: max(size, 0)) }
            return (0..<size).map { index in
                scale * Double.power(condition, Double(index) / Double(size - 1))
            }
        }
    }

    /// Why the spec cannot make a block, or nil when it can.
    var problem: String? {
        switch self {
        case let .eigenvalues(values):
            if values.isEmpty { return "needs at least one eigenvalue" }
            if let bad = values.first(where: { !($0.isFinite && $0 > 0) }) {
                return "eigenvalues must be finite and > 0, got \(bad)"
            }
        case let .conditioned(size, condition, scale):
            if size < 1 { return "size must be at least 1, got \(size)" }
            if !(condition.isFinite && condition >= 1) { return "condition must be a finite number >= 1, got \(condition)" }
            if !(scale.isFinite && scale > 0) { return "scale must be a finite number > 0, got \(scale)" }
        }
        return nil
    }
}
