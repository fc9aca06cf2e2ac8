import OptimizerCore

/// a + b mod p over all p^2 pairs, shuffled with a seed and split into training and validation.
///
/// As tokens, an example is the sequence [a, b, =] (the `=` token is p) and only the last position
/// is scored; as features (for the MLP) it is one-hot(a) followed by one-hot(b).
public struct ModularAddition: TrainingTask {
    /// The modulus p.
    public let modulus: Int
    /// Whether examples are token sequences or one-hot features.
    public let asTokens: Bool
    private let training: [Int]
    private let validation: [Int]

    /// All pairs, shuffled by `seed`; the first `trainFraction` of them train.
    public init(modulus: Int, trainFraction: Double, seed: UInt64, asTokens: Bool) throws(TaskError) {
        try Self.check(modulus: modulus, trainFraction: trainFraction)
        var generator = SeededGenerator(seed: seed ^ 0x6D6F_6461_6464)
        var pairs = Array(0..<(modulus * modulus))
        pairs.shuffle(using: &generator)
        let cut = min(max(1, Int((Double(pairs.count) * trainFraction).rounded())), pairs.count - 1)
        self.modulus = modulus
        self.asTokens = asTokens
        training = Array(pairs[..<cut])
        validation = Array(pairs[cut...])
    }

    /// Checks the settings without building anything.
    static func check(modulus: Int, trainFraction: Double) throws(TaskError) {
        // p^2 pairs are materialised: 1000 gives a million, already far beyond a tiny model.
        guard (2...1000).contains(modulus) else { throw .invalid(.modulus, value: "\(modulus)", reason: "must be from 2 to 1000") }
        guard trainFraction > 0, trainFraction < 1 else {
            throw .invalid(.trainFraction, value: "\(trainFraction)", reason: "must lie strictly between 0 and 1")
        }
    }

    /// A one-line description for logs.
    public var summary: String { "modadd p=\(modulus) (\(training.count) train / \(validation.count) validation pairs)" }
    /// The example shape.
    public var input: TaskInput { asTokens ? .tokens(vocabulary: modulus + 1, context: 3) : .features(inputs: 2 * modulus) }
    /// Classes predicted at every counted target.
    public var classes: Int { asTokens ? modulus + 1 : modulus }
    /// Chance is 1/p: the answer is always a residue, never the `=` token.
    public var chanceAccuracy: Double { 1 / Double(modulus) }

    /// Number of examples in a split.
    public func count(_ split: DataSplit) -> Int { split == .training ? training.count : validation.count }

    /// Appends one example as a row of the batch.
    public func append(_ split: DataSplit, index: Int, to batch: inout Batch) {
        let pair = split == .training ? training[index] : validation[index]
        let a = pair / modulus, b = pair % modulus
        let answer = Int32((a + b) % modulus)
        if asTokens {
            // Element by element: array literals here would allocate on every example.
            batch.tokens.append(Int32(a))
            batch.tokens.append(Int32(b))
            batch.tokens.append(Int32(modulus))
            batch.targets.append(SoftmaxCrossEntropy.ignored)
            batch.targets.append(SoftmaxCrossEntropy.ignored)
            batch.targets.append(answer)
        } else {
            for i in 0..<(2 * modulus) { batch.features.append(i == a || i == modulus + b ? 1 : 0) }
            batch.targets.append(answer)
        }
        batch.rows += 1
    }
}
