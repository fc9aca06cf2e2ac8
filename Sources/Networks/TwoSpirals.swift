import OptimizerCore
import RealModule

/// Two interleaved spirals in the plane, one per class, with Gaussian noise.
public struct TwoSpirals: TrainingTask {
    private let points: [(x: Double, y: Double, label: Int32)]
    private let trainingCount: Int

    /// `count` points in all (half per class); a fifth of them, drawn independently, validate.
    public init(count: Int, noise: Double, seed: UInt64) throws(TaskError) {
        try Self.check(count: count)
        var generator = SeededGenerator(seed: seed ^ 0x7370_6972)
        var points: [(Double, Double, Int32)] = []
        for i in 0..<count {
            let label = Int32(i % 2)
            // sqrt spacing gives points of even density along the arc; 1.75 turns per spiral.
            let t = generator.nextUniform().squareRoot() * 3.5 * Double.pi
            let sign = label == 0 ? 1.0 : -1.0
            let x = sign * t * Double.cos(t) / (3.5 * Double.pi) + noise * generator.nextGaussian()
            let y = sign * t * Double.sin(t) / (3.5 * Double.pi) + noise * generator.nextGaussian()
            points.append((x, y, label))
        }
        self.points = points
        trainingCount = count - count / 5
    }

    /// Checks the settings without building anything.
    static func check(count: Int) throws(TaskError) {
        guard (10...1_000_000).contains(count) else { throw .invalid(.points, value: "\(count)", reason: "must be from 10 to 1,000,000") }
    }

    /// A one-line description for logs.
    public var summary: String { "two spirals (\(trainingCount) train / \(points.count - trainingCount) validation points)" }
    /// The example shape.
    public var input: TaskInput { .features(inputs: 2) }
    /// Classes predicted at every counted target.
    public var classes: Int { 2 }
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
