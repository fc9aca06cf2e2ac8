/// Loss and accuracy counts of one forward pass over a batch.
public struct BatchResult: Sendable, Equatable {
    /// Sum of the per-target losses (natural log).
    public var lossSum = 0.0
    /// Targets that counted (not ignored).
    public var counted = 0
    /// Counted targets whose arg-max prediction was right.
    public var correct = 0

    /// Creates an empty result.
    public init() {}

    /// The mean loss over counted targets.
    public var meanLoss: Double { counted > 0 ? lossSum / Double(counted) : 0 }

    /// The share of counted targets predicted correctly.
    public var accuracy: Double { counted > 0 ? Double(correct) / Double(counted) : 0 }

    /// Adds another batch's counts.
    public mutating func merge(_ other: BatchResult) {
        lossSum += other.lossSum
        counted += other.counted
        correct += other.correct
    }
}
