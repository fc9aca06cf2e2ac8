import Networks
import Objectives
import OptimizerCore
import Scenarios

/// The Hessian of a network's training loss at one racer's weights, as the screen shows it: the
/// RMS of every tensor-pair block, every tensor's diagonal block entry by entry with Adam-mini's
/// official blocks, and the share of H inside those blocks (as `descent hessian` measures it).
///
/// H itself (n^2 numbers, 34 MB at n = 2052) is dropped once these are worked out: what is kept is
/// T^2 block norms and the diagonal blocks, a small part of H for a network of several tensors.
public struct NetworkHessian: Sendable {
    /// Largest network whose Hessian the screen forms (2n gradient evaluations, n^2 numbers).
    public static let maximumParameters = 3000
    /// Training examples the loss is averaged over.
    public static let maximumExamples = 64
    /// Random partitions averaged for the baseline share.
    static let randomDraws = 10

    /// The step it was taken at.
    public let step: Int
    /// Whose weights.
    public let racer: Int
    /// The racer's label.
    public let label: String
    /// Rows and columns of H (the number of parameters).
    public let size: Int
    /// Adam-mini's official blocks over the parameters, in order.
    public let blockSizes: [Int]
    /// The tensors in layout order.
    public let tensors: [HessianTensor]
    /// RMS of H over each pair of tensors' block, row-major `tensors.count` x `tensors.count`.
    public let tensorBlockRMS: [Double]
    /// Each tensor's diagonal block of H, row-major `count` x `count`.
    public let diagonalBlocks: [[Double]]
    /// Share of ||H||_F^2 inside Adam-mini's blocks.
    public let shareInBlocks: Double
    /// The same share for randomly placed blocks of the same sizes.
    public let shareInRandomBlocks: Double

    /// Forms the Hessian at racer `index`'s weights, or says why it cannot.
    public static func take(_ race: NetworkRace, racer index: Int, seed: UInt64) -> Result<NetworkHessian, HessianUnavailable> {
        let layout = race.problem.layout
        guard layout.count <= maximumParameters else {
            return .failure(HessianUnavailable(reason: "the network has \(layout.count) parameters; the Hessian is formed up to \(maximumParameters)"))
        }
        let trainer = race.trainer(index)
        guard trainer.parameters.allSatisfy(\.isFinite) else {
            return .failure(HessianUnavailable(reason: "\(race.racers[index].label) has diverged; its weights are not finite"))
        }
        let curvature: NetworkCurvature
        let map: BlockMap
        do {
            curvature = try NetworkCurvature(trainer: trainer, maximumExamples: maximumExamples)
            map = try curvature.partition.blockMap(for: layout)
        } catch {
            return .failure(HessianUnavailable(reason: "\(error)"))
        }
        let partition = curvature.partition
        let matrix = curvature.hessian()
        let tensors = describe(layout, map: map, partition: partition)
        let blocks = map.blockSizes
        return .success(NetworkHessian(
            step: race.step, racer: index, label: race.racers[index].label, size: matrix.rows,
            blockSizes: blocks, tensors: tensors,
            tensorBlockRMS: blockRMS(matrix, tensors: tensors),
            diagonalBlocks: tensors.map { diagonalBlock(matrix, of: $0) },
            shareInBlocks: HessianAnalysis.shareInBlocks(matrix, sizes: blocks),
            shareInRandomBlocks: HessianAnalysis.shareInRandomBlocks(matrix, sizes: blocks, draws: randomDraws, seed: seed)))
    }
}

extension NetworkHessian {
    /// The layout's tensors with labels and the blocks `map` cuts each into.
    static func describe(_ layout: ParameterLayout, map: BlockMap, partition: PartitionStrategy) -> [HessianTensor] {
        let labels = TensorLabels.labels(layout.tensors.map(\.name))
        var sizes = [[Int]](repeating: [], count: layout.tensors.count)
        for run in map.runs where run.tensorIndex < sizes.count {
            sizes[run.tensorIndex] += Array(repeating: run.blockSize, count: run.blockCount)
        }
        return layout.tensors.enumerated().map { index, tensor in
            let rule: AdamMiniRule
            if case .official(let rules) = partition {
                rule = rules.rule(for: tensor.name)
            } else {
                rule = sizes[index].count == 1 ? .wholeTensor : sizes[index].count == tensor.count ? .perCoordinate : .perRow
            }
            return HessianTensor(name: tensor.name, label: labels[index], shape: tensor.shape, offset: tensor.offset,
                                 count: tensor.count, rule: rule, blockSizes: sizes[index])
        }
    }

    /// sqrt(mean of H_ij^2) over i in tensor a, j in tensor b, for every pair, row-major.
    static func blockRMS(_ matrix: Matrix, tensors: [HessianTensor]) -> [Double] {
        let t = tensors.count
        var result = [Double](repeating: 0, count: t * t)
        for (a, rows) in tensors.enumerated() {
            for (b, columns) in tensors.enumerated() {
                var sum = 0.0
                for i in rows.offset..<(rows.offset + rows.count) {
                    let base = i * matrix.columns
                    for j in columns.offset..<(columns.offset + columns.count) {
                        let h = matrix.elements[base + j]
                        sum += h * h
                    }
                }
                result[a * t + b] = (sum / Double(max(1, rows.count * columns.count))).squareRoot()
            }
        }
        return result
    }

    /// The `count` x `count` diagonal block of H for one tensor, row-major.
    static func diagonalBlock(_ matrix: Matrix, of tensor: HessianTensor) -> [Double] {
        var block: [Double] = []
        block.reserveCapacity(tensor.count * tensor.count)
        for i in tensor.offset..<(tensor.offset + tensor.count) {
            let base = i * matrix.columns + tensor.offset
            block.append(contentsOf: matrix.elements[base..<(base + tensor.count)])
        }
        return block
    }
}

/// Why the network Hessian was not formed.
public struct HessianUnavailable: Error, Sendable, Equatable {
    /// The reason, for the panel.
    public let reason: String
}
