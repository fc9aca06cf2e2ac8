import OptimizerCore

/// A network with a hand-written backward pass over one flat parameter buffer.
///
/// A network object owns its preallocated activation and gradient scratch (hence a class), sized
/// for `maximumBatch` examples; the parameters themselves belong to the caller.
public protocol NeuralNetwork<Scalar>: AnyObject {
    /// The scalar the network computes in: `Float` to train, `Double` for gradient checks.
    associatedtype Scalar: OptimizerScalar

    /// The named tensors, in PyTorch `state_dict` order.
    var layout: ParameterLayout { get }
    /// The largest batch the scratch buffers hold.
    var maximumBatch: Int { get }
    /// The partition Adam-mini uses when none is given.
    var defaultPartition: PartitionStrategy { get }

    /// Fresh, seeded initial parameters.
    func initialParameters(generator: inout SeededGenerator) -> [Scalar]

    /// The forward pass on `batch` (loss averaged over counted targets) and, when `gradients`
    /// is given, the backward pass: gradients are overwritten with dloss/dparameters.
    func run(parameters: UnsafePointer<Scalar>, gradients: UnsafeMutablePointer<Scalar>?, batch: Batch) -> BatchResult
}

extension NeuralNetwork {
    /// Array convenience for `run`, used by tests and the Hessian.
    public func lossAndGradients(parameters: [Scalar], batch: Batch) -> (result: BatchResult, gradients: [Scalar]) {
        var gradients = [Scalar](repeating: 0, count: parameters.count)
        let result = parameters.withUnsafeBufferPointer { p in
            gradients.withUnsafeMutableBufferPointer { g in
                run(parameters: p.baseAddress!, gradients: g.baseAddress!, batch: batch)
            }
        }
        return (result, gradients)
    }

    /// Array convenience for a forward pass only.
    public func loss(parameters: [Scalar], batch: Batch) -> BatchResult {
        parameters.withUnsafeBufferPointer { p in run(parameters: p.baseAddress!, gradients: nil, batch: batch) }
    }
}
