/// Which dataset to train on, enough to rebuild it exactly (with the run's seed).
public enum TaskConfiguration: Codable, Sendable, Hashable {
    /// a + b mod p.
    case modularAddition(modulus: Int, trainFraction: Double)
    /// Two interleaved spirals.
    case spirals(points: Int, noise: Double)
    /// Gaussian clusters.
    case blobs(classes: Int, points: Int, spread: Double)
    /// Character-level text from a file.
    case text(path: String, context: Int)

    /// The task's name: `modadd`, `spirals`, `blobs` or `text`.
    public var name: String {
        switch self {
        case .modularAddition: "modadd"
        case .spirals: "spirals"
        case .blobs: "blobs"
        case .text: "text"
        }
    }

    /// Checks the settings as building the dataset would, without building it or reading a file.
    public func validate() throws(TaskError) {
        switch self {
        case let .modularAddition(modulus, fraction): try ModularAddition.check(modulus: modulus, trainFraction: fraction)
        case let .spirals(points, _): try TwoSpirals.check(count: points)
        case let .blobs(classes, points, _): try GaussianBlobs.check(classes: classes, count: points)
        case let .text(_, context): try CharacterText.check(context: context)
        }
    }

    /// Builds the dataset; `asTokens` picks the transformer's view where a task has two.
    public func makeTask(seed: UInt64, asTokens: Bool) throws(TaskError) -> any TrainingTask {
        switch self {
        case let .modularAddition(modulus, fraction):
            return try ModularAddition(modulus: modulus, trainFraction: fraction, seed: seed, asTokens: asTokens)
        case let .spirals(points, noise):
            return try TwoSpirals(count: points, noise: noise, seed: seed)
        case let .blobs(classes, points, spread):
            return try GaussianBlobs(classes: classes, count: points, spread: spread, seed: seed)
        case let .text(path, context):
            return try CharacterText(path: path, context: context)
        }
    }
}
