import Foundation

/// Character-level next-token prediction on a text file: the first 90% trains, the rest validates.
///
/// A training example is any window of `context` characters (its targets are the same window
/// shifted by one); validation uses non-overlapping windows, at most `maximumValidationWindows`.
public struct CharacterText: TrainingTask {
    /// The distinct characters in file order of first use, sorted; token i is `vocabulary[i]`.
    public let vocabulary: [Character]
    /// Window length.
    public let context: Int
    private let tokens: [Int32]
    private let trainingLength: Int
    /// A bound on validation work per evaluation.
    public static let maximumValidationWindows = 256

    /// The contents of `path` as UTF-8 text, or an error that says what the file is instead.
    static func readText(_ path: String) throws(TaskError) -> String {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path)
        } catch {
            switch error {
            case .notFound: throw .fileNotFound(path)
            case .isDirectory: throw .isDirectory(path)
            case .unreadable(let reason): throw .unreadable(path, reason)
            }
        }
        // Text never holds a NUL byte; binaries nearly always do.
        if bytes.contains(0) { throw .notText(path, "it contains NUL bytes (a binary file?)") }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .notText(path, "it is not valid UTF-8")
        }
        return text
    }

    /// Checks the settings without reading the file.
    static func check(context: Int) throws(TaskError) {
        // Attention scratch grows with context^2 per example.
        guard (2...4096).contains(context) else { throw .invalid(.context, value: "\(context)", reason: "must be from 2 to 4096") }
    }

    /// Reads and tokenises `path`.
    public init(path: String, context: Int, validationFraction: Double = 0.1) throws(TaskError) {
        try Self.check(context: context)
        let text = try Self.readText(path)
        guard !text.isEmpty else { throw .emptyFile(path) }
        let characters = Array(text)
        let vocabulary = Array(Set(characters)).sorted()
        let index = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, Int32($0)) })
        let validationLength = Int(Double(characters.count) * validationFraction)
        let trainingLength = characters.count - validationLength
        guard trainingLength > context, validationLength > context else {
            throw .tooShort(path, characters: characters.count, needed: Int(Double(context + 1) / validationFraction) + 1, context: context)
        }
        self.vocabulary = vocabulary
        self.context = context
        self.tokens = characters.map { index[$0]! }
        self.trainingLength = trainingLength
    }

    /// A one-line description for logs.
    public var summary: String {
        "text (\(tokens.count) characters, \(vocabulary.count) distinct, \(trainingLength) train / \(tokens.count - trainingLength) validation)"
    }
    /// The example shape.
    public var input: TaskInput { .tokens(vocabulary: vocabulary.count, context: context) }
    /// Classes predicted at every counted target.
    public var classes: Int { vocabulary.count }

    /// Number of examples in a split.
    public func count(_ split: DataSplit) -> Int {
        switch split {
        case .training: trainingLength - context
        case .validation: min(Self.maximumValidationWindows, (tokens.count - trainingLength - 1) / context)
        }
    }

    /// Appends one example as a row of the batch.
    public func append(_ split: DataSplit, index: Int, to batch: inout Batch) {
        let start = split == .training ? index : trainingLength + index * context
        batch.tokens += tokens[start..<(start + context)]
        batch.targets += tokens[(start + 1)..<(start + context + 1)]
        batch.rows += 1
    }
}
