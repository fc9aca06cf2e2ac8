/// How far a spectrum estimate has got, in operator products (Hessian-vector products for a
/// network: the cost that matters).
public struct SpectrumProgress: Sendable, Equatable {
    /// Products done.
    public let completed: Int
    /// Products the whole estimate takes (an explicit matrix's exact blocks take none).
    public let total: Int

    /// Creates a progress report.
    public init(completed: Int, total: Int) {
        self.completed = completed
        self.total = total
    }

    /// completed / total, 1 when there is nothing to do.
    public var fraction: Double { total > 0 ? Double(completed) / Double(total) : 1 }
}
