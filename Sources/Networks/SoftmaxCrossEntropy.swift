import OptimizerCore
import RealModule

/// Softmax cross-entropy averaged over the rows whose target is not `ignored` (-1), as
/// `F.cross_entropy(..., ignore_index=-1)` does.
enum SoftmaxCrossEntropy {
    /// The target value of rows that do not count (inputs of modular addition, for example).
    static let ignored: Int32 = -1

    /// Loss sum and statistics over logits (rows, classes); when `gradient` is true the logits are
    /// overwritten with dloss/dlogits for a loss averaged over `normaliser` counted rows.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func evaluate<Scalar: OptimizerScalar>(
        logits: UnsafeMutablePointer<Scalar>, targets: UnsafePointer<Int32>, rows: Int, classes: Int,
        gradient: Bool, normaliser: Int
    ) -> BatchResult {
        var result = BatchResult()
        let scale = 1 / Scalar(max(normaliser, 1))
        for n in 0..<rows {
            let row = logits + n * classes
            let target = Int(targets[n])
            guard target != Int(ignored) else {
                if gradient { row.update(repeating: 0, count: classes) }
                continue
            }
            var maximum = row[0], best = 0
            for j in 1..<classes where row[j] > maximum {
                maximum = row[j]
                best = j
            }
            var total = 0.0
            for j in 0..<classes { total += Double(Scalar.exp(row[j] - maximum)) }
            result.lossSum += Double.log(total) - Double(row[target] - maximum)
            result.counted += 1
            if best == target { result.correct += 1 }
            if gradient {
                let inverse = Scalar(1 / total)
                for j in 0..<classes {
                    let p = Scalar.exp(row[j] - maximum) * inverse
                    row[j] = (p - (j == target ? 1 : 0)) * scale
                }
            }
        }
        return result
    }
}
