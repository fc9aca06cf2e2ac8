import Objectives
import OptimizerCore

/// The curvature of a network's training loss at given weights, in double precision, as
/// `descent hessian` and the visualizer's Hessian views take it: Hessian-vector products and the
/// full Hessian from exact (backpropagated) gradients, over the first training examples.
///
/// It holds one copy of the network per worker thread (each with its own scratch), so products
/// can run on all of them at once.
public final class NetworkCurvature: @unchecked Sendable {
    /// Length of the step along v in H v = (g(p + h v) - g(p - h v)) / 2h (v normalised first):
    /// the truncation error is O(h^2) and the rounding error O(eps / h), both near 1e-10.
    public static let differenceStep = 1e-5

    /// The network's tensors.
    public let layout: ParameterLayout
    /// The weights the curvature is taken at.
    public let parameters: [Double]
    /// The training examples the loss is averaged over.
    public let batch: Batch
    /// The mean training loss over `batch` at `parameters`.
    public let loss: Double
    /// Adam-mini's partition for this network.
    public let partition: PartitionStrategy
    /// Threads that may take products at once.
    public let workers: Int
    private let networks: [any NeuralNetwork<Double>]
    private let scratch: [ProductScratch]

    /// The curvature of `model`'s loss on the first `maximumExamples` training examples of
    /// `task`, at `parameters`.
    ///
    /// - Precondition: as many parameters as the model has, all finite; maximumExamples >= 1.
    public init(model: ModelConfiguration, task: any TrainingTask, parameters: [Double], maximumExamples: Int,
                workers: Int = Parallelism.threadCount) throws(ModelConfigurationError) {
        precondition(maximumExamples >= 1 && workers >= 1, "at least one example and one worker")
        let examples = min(task.count(.training), maximumExamples)
        var networks: [any NeuralNetwork<Double>] = []
        for _ in 0..<workers { networks.append(try model.makeNetwork(Double.self, maximumBatch: examples)) }
        let layout = networks[0].layout
        precondition(parameters.count == layout.count, "\(parameters.count) parameters for a model of \(layout.count)")
        self.networks = networks
        self.layout = layout
        self.parameters = parameters
        self.workers = workers
        partition = networks[0].defaultPartition
        batch = task.batch(.training, 0..<examples)
        loss = networks[0].loss(parameters: parameters, batch: batch).meanLoss
        scratch = (0..<workers).map { _ in ProductScratch(parameters) }
    }

    /// The curvature at a trainer's current weights, over its task's first training examples.
    public convenience init(trainer: Trainer, maximumExamples: Int, workers: Int = Parallelism.threadCount) throws(ModelConfigurationError) {
        try self.init(model: trainer.configuration.model, task: trainer.task, parameters: trainer.parameters.map(Double.init),
                      maximumExamples: maximumExamples, workers: workers)
    }

    /// Number of training examples the loss is averaged over.
    public var examples: Int { batch.rows }

    /// y = H v by central differences of exact gradients along v, on worker `worker`'s network.
    public func hessianVectorProduct(_ v: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>, worker: Int = 0) {
        let n = parameters.count
        precondition(v.count == n && y.count == n && worker < workers, "vectors of \(n) on one of \(workers) workers")
        var squares = 0.0
        for i in 0..<n { squares += v[i] * v[i] }
        let norm = squares.squareRoot()
        guard norm > 0 else {
            for i in 0..<n { y[i] = 0 }
            return
        }
        let h = Self.differenceStep / norm
        let network = networks[worker], work = scratch[worker]
        work.probe.withUnsafeMutableBufferPointer { probe in
            work.plus.withUnsafeMutableBufferPointer { plus in
                work.minus.withUnsafeMutableBufferPointer { minus in
                    for i in 0..<n { probe[i] = parameters[i] + h * v[i] }
                    _ = network.run(parameters: probe.baseAddress!, gradients: plus.baseAddress!, batch: batch)
                    for i in 0..<n { probe[i] = parameters[i] - h * v[i] }
                    _ = network.run(parameters: probe.baseAddress!, gradients: minus.baseAddress!, batch: batch)
                    for i in 0..<n { y[i] = (plus[i] - minus[i]) / (2 * h) }
                }
            }
        }
    }

    /// H as an operator of Hessian-vector products (never formed).
    public var hessianOperator: SymmetricOperator {
        SymmetricOperator(dimension: parameters.count, workers: workers) { [self] x, y, worker in
            hessianVectorProduct(x, into: y, worker: worker)
        }
    }

    /// The full Hessian, its columns shared among the workers, symmetrised.
    public func hessian() -> Matrix {
        HessianAnalysis.hessian(networks: networks, parameters: parameters, batch: batch, step: Self.differenceStep)
    }

    /// The blocks whose spectra `blockSpectra` estimates: one per tensor, whole or cut into
    /// Adam-mini's official blocks.
    public func spectrumBlocks(_ blocking: SpectrumBlocking) throws(PartitionError) -> [SpectrumBlock] {
        switch blocking {
        case .tensor:
            return layout.tensors.map { SpectrumBlock(name: $0.name, range: $0.range) }
        case .official:
            let map = try partition.blockMap(for: layout)
            var pieces = [[Range<Int>]](repeating: [], count: layout.tensors.count)
            // The official rules cut tensors into contiguous blocks only (never columns).
            for run in map.runs where run.tensorIndex < pieces.count {
                for k in 0..<run.blockCount {
                    let start = run.offset + k * run.blockSize
                    pieces[run.tensorIndex].append(start..<(start + run.blockSize))
                }
            }
            return layout.tensors.enumerated().compactMap { index, tensor in
                pieces[index].isEmpty ? nil : SpectrumBlock(name: tensor.name, pieces: pieces[index])
            }
        }
    }

    /// Every block's spectrum and the full Hessian's, by Hessian-vector products (exact
    /// eigenvalues for small blocks, SLQ otherwise), their densities on one grid and the
    /// Jensen-Shannon distances between blocks; nil when `progress` returned false.
    public func blockSpectra(_ blocking: SpectrumBlocking, settings: SpectrumSettings,
                             progress: (@Sendable (SpectrumProgress) -> Bool)? = nil) throws(PartitionError) -> BlockHeterogeneity? {
        let blocks = try spectrumBlocks(blocking)
        let full = SpectrumBlock(name: "full", range: 0..<parameters.count)
        guard let spectra = SpectrumEstimator.spectra(of: hessianOperator, blocks: blocks + [full], settings: settings,
                                                      workers: workers, progress: progress) else { return nil }
        return BlockHeterogeneity(blocks: Array(spectra.dropLast()), full: spectra.last, settings: settings)
    }
}

/// One worker's buffers for a product: the displaced weights and the two gradients.
private final class ProductScratch: @unchecked Sendable {
    var probe: [Double]
    var plus: [Double]
    var minus: [Double]

    init(_ parameters: [Double]) {
        probe = parameters
        plus = Array(repeating: 0, count: parameters.count)
        minus = Array(repeating: 0, count: parameters.count)
    }
}
