import OptimizerCore
import RealModule

/// Isotropic Gaussian clusters in the plane, one per class, centred evenly on the unit circle.
public struct GaussianBlobs: TrainingTask {
    /// Number of clusters.
    public let classes: Int
    private let points: [(x: Double, y: Double, label: Int32)]
    private let trainingCount: Int

    /// `count` points with standard deviation `spread` around each centre; a fifth validate.
    public init(classes: Int, count: Int, spread: Double, seed: UInt64) throws(TaskError) {
        try Self.check(classes: classes, count: count)
        var generator = SeededGenerator(seed: seed ^ 0x626C_6F62)
        var points: [(Double, Double, Int32)] = []
        for i in 0..<count {
            let label = i % classes
            let angle = 2 * Double.pi * Double(label) / Double(classes)
            points.append((Double.cos(angle) + spread * generator.nextGaussian(),
                           Double.sin(angle) + spread * generator.nextGaussian(), Int32(label)))
        }
        self.classes = classes
        self.points = points
        trainingCount = count - count / 5
    }

    /// Checks the settings without building anything.
    static func check(classes: Int, count: Int) throws(TaskError) {
        guard (2...1000).contains(classes) else { throw .invalid(.classes, value: "\(classes)", reason: "must be from 2 to 1000") }
        guard count <= 1_000_000 else { throw .invalid(.points, value: "\(count)", reason: "must be at most 1,000,000") }
        guard count >= 5 * classes else {
            throw .invalid(.points, value: "\(count)", reason: "must be at least 5 per class (\(5 * classes))")
        }
    }

    /// A one-line description for logs.
    public var summary: String { "\(classes) Gaussian blobs (\(trainingCount) train / \(points.count - trainingCount) validation points)" }
    /// The example shape.
    public var input: TaskInput { .features(inputs: 2) }
    /// Number of examples in a split.
    public func count(_ split: DataSplit) -> Int { split == .training ? trainingCount : points.count - trainingCount }

    /// Appends one example as a row of the batch.
    public func append(_ split: DataSplit, index: Int, to batch: inout Batch) {
        let point = points[split == .training ? index : trainingCount + index]
        batch.features.append(point.x)
        batch.features.append(point.y)
        batch.targets.append(point.label)
        batch.rows += 1
    }
}
