import Foundation
import Networks
import Objectives
import OptimizerCore
import Scenarios

/// The full Hessian of a network's training loss at one racer's current weights, with Adam-mini's
/// official partition and the share of the Hessian inside it (as `descent hessian` measures it).
public struct NetworkHessian: Sendable {
    /// Largest network whose Hessian the screen forms (2n gradient evaluations, n^2 numbers).
    public static let maximumParameters = 3000
    /// Training examples the loss is averaged over.
    public static let maximumExamples = 64
    /// Threads sharing the columns.
    static let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
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
    /// H's entries as drawn, row-major: sign(h) log(1 + |h| / s), s the median nonzero
    /// magnitude. A network's Hessian spans many decades, and a linear scale would show only its
    /// few largest entries. Only these are kept (H itself is n^2 numbers too: 34 MB at n = 2052).
    public let displayValues: [Double]
    /// Share of ||H||_F^2 inside those blocks.
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
        let examples = min(trainer.task.count(.training), maximumExamples)
        var networks: [any NeuralNetwork<Double>] = []
        let blocks: [Int]
        do {
            for _ in 0..<workers { networks.append(try race.problem.model.makeNetwork(Double.self, maximumBatch: examples)) }
            blocks = try race.problem.defaultPartition.blockMap(for: layout).blockSizes
        } catch {
            return .failure(HessianUnavailable(reason: "\(error)"))
        }
        let batch = trainer.task.batch(.training, 0..<examples)
        let parameters = trainer.parameters.map(Double.init)
        guard parameters.allSatisfy(\.isFinite) else {
            return .failure(HessianUnavailable(reason: "\(race.racers[index].label) has diverged; its weights are not finite"))
        }
        let matrix = HessianAnalysis.hessian(networks: networks, parameters: parameters, batch: batch)
        return .success(NetworkHessian(
            step: race.step, racer: index, label: race.racers[index].label, size: matrix.rows,
            blockSizes: blocks, displayValues: signedLog(matrix.elements),
            shareInBlocks: HessianAnalysis.shareInBlocks(matrix, sizes: blocks),
            shareInRandomBlocks: HessianAnalysis.shareInRandomBlocks(matrix, sizes: blocks, draws: randomDraws, seed: seed)))
    }
}

extension NetworkHessian {
    /// Samples at most this many entries to find the median magnitude.
    static let medianSample = 1 << 16

    static func signedLog(_ values: [Double]) -> [Double] {
        // A strided sample: sorting all n^2 magnitudes would briefly need several copies of H.
        let stride = max(1, values.count / medianSample)
        var magnitudes: [Double] = []
        magnitudes.reserveCapacity(min(values.count, medianSample + 1))
        for index in Swift.stride(from: 0, to: values.count, by: stride) where values[index].isFinite && values[index] != 0 {
            magnitudes.append(Swift.abs(values[index]))
        }
        guard !magnitudes.isEmpty else { return values }
        magnitudes.sort()
        let scale = magnitudes[magnitudes.count / 2]
        return values.map { v in
            guard v.isFinite else { return v }
            let m = Foundation.log(1 + Swift.abs(v) / scale)
            return v < 0 ? -m : m
        }
    }
}

/// Why the network Hessian was not formed.
public struct HessianUnavailable: Error, Sendable, Equatable {
    /// The reason, for the panel.
    public let reason: String
}
