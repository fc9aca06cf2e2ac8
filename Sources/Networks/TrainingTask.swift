/// Which half of a dataset.
public enum DataSplit: Sendable {
    /// Examples the optimizer sees.
    case training
    /// Held-out examples for evaluation.
    case validation
}

/// What a task's examples look like to a network.
public enum TaskInput: Sendable, Equatable {
    /// Token sequences of length `context` over `vocabulary` symbols (the transformer).
    case tokens(vocabulary: Int, context: Int)
    /// Real feature vectors of length `inputs` (the MLP).
    case features(inputs: Int)
}

/// A seeded dataset split into training and validation examples that a network can train on.
public protocol TrainingTask: Sendable {
    /// A short name for logs, e.g. `modadd p=97`.
    var summary: String { get }
    /// The example shape.
    var input: TaskInput { get }
    /// Number of classes predicted at every counted target.
    var classes: Int { get }
    /// Accuracy of guessing uniformly at random (1 / classes).
    var chanceAccuracy: Double { get }
    /// Number of examples in a split.
    func count(_ split: DataSplit) -> Int
    /// Appends example `index` of `split` as one more row of `batch`.
    func append(_ split: DataSplit, index: Int, to batch: inout Batch)
}

extension TrainingTask {
    /// Accuracy of uniform guessing: 1 / classes.
    public var chanceAccuracy: Double { 1 / Double(classes) }

    /// The examples `range` of a split as one batch.
    public func batch(_ split: DataSplit, _ range: Range<Int>) -> Batch {
        var batch = Batch()
        for index in range { append(split, index: index, to: &batch) }
        return batch
    }
}
