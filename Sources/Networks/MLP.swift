import OptimizerCore

/// A fully connected classifier: Linear, activation, ..., Linear, softmax cross-entropy.
///
/// Tensors are `mlp.{i}.weight` (out, in) and `mlp.{i}.bias`, so Adam-mini's official rules give
/// one block per output neuron for weights and plain Adam for biases.
public final class MLP<Scalar: OptimizerScalar>: NeuralNetwork {
    /// The sizes.
    public let configuration: MLPConfiguration
    /// The named tensors, in PyTorch `state_dict` order.
    public let layout: ParameterLayout
    /// The largest batch the scratch buffers hold.
    public let maximumBatch: Int
    private let weightOffsets: [Int]
    private let biasOffsets: [Int]
    private let input: UnsafeMutablePointer<Scalar>             // (B, inputs)
    private let preActivations: [UnsafeMutablePointer<Scalar>]  // per layer (B, width); the last holds logits
    private let postActivations: [UnsafeMutablePointer<Scalar>] // per hidden layer (B, width)
    private let deltaA: UnsafeMutablePointer<Scalar>            // (B, max width)
    private let deltaB: UnsafeMutablePointer<Scalar>            // (B, max width)
    private let linearScratch: UnsafeMutablePointer<Scalar>
    private let arena = Arena<Scalar>()

    /// Builds the model with scratch for batches of up to `maximumBatch` examples.
    public init(_ configuration: MLPConfiguration, maximumBatch: Int) throws(ModelConfigurationError) {
        try configuration.validate()
        self.configuration = configuration
        self.maximumBatch = maximumBatch
        let widths = configuration.widths
        var tensors: [(name: String, shape: [Int])] = []
        for i in 0..<(widths.count - 1) {
            tensors.append(("mlp.\(i).weight", [widths[i + 1], widths[i]]))
            tensors.append(("mlp.\(i).bias", [widths[i + 1]]))
        }
        let layout = ParameterLayout(tensors)
        self.layout = layout
        weightOffsets = (0..<(widths.count - 1)).map { layout.tensors[2 * $0].offset }
        biasOffsets = (0..<(widths.count - 1)).map { layout.tensors[2 * $0 + 1].offset }
        let arena = self.arena
        input = arena.take(maximumBatch * configuration.inputs)
        preActivations = widths.dropFirst().map { arena.take(maximumBatch * $0) }
        postActivations = configuration.hidden.map { arena.take(maximumBatch * $0) }
        let widest = widths.max()!
        deltaA = arena.take(maximumBatch * widest)
        deltaB = arena.take(maximumBatch * widest)
        linearScratch = arena.take((0..<(widths.count - 1)).map {
            Linear.scratchCount(rows: maximumBatch, inputs: widths[$0], outputs: widths[$0 + 1])
        }.max()!)
    }

    /// Adam-mini's official name rules (no attention here: every weight row is a block, biases plain Adam).
    public var defaultPartition: PartitionStrategy { .official(AdamMiniNameRules()) }

    /// PyTorch's nn.Linear initialisation: weights and biases uniform in +-1/sqrt(in).
    public func initialParameters(generator: inout SeededGenerator) -> [Scalar] {
        var parameters: [Scalar] = []
        parameters.reserveCapacity(layout.count)
        for (index, tensor) in layout.tensors.enumerated() {
            let fanIn = configuration.widths[index / 2]
            let bound = 1 / Double(fanIn).squareRoot()
            for _ in 0..<tensor.count { parameters.append(Scalar((2 * generator.nextUniform() - 1) * bound)) }
        }
        return parameters
    }

    /// Forward pass and, with `gradients`, backward pass over `batch`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func run(parameters: UnsafePointer<Scalar>, gradients: UnsafeMutablePointer<Scalar>?, batch: Batch) -> BatchResult {
        let widths = configuration.widths
        let B = batch.rows, layers = widths.count - 1
        precondition(B <= maximumBatch, "batch larger than the preallocated scratch")
        precondition(batch.features.count == B * configuration.inputs && batch.targets.count == B, "batch does not match the MLP")
        for i in 0..<(B * configuration.inputs) { input[i] = Scalar(batch.features[i]) }
        for l in 0..<layers {
            let x = l == 0 ? input : postActivations[l - 1]
            Linear.forward(preActivations[l], x, parameters + weightOffsets[l], parameters + biasOffsets[l],
                           rows: B, inputs: widths[l], outputs: widths[l + 1])
            if l < layers - 1 {
                configuration.activation.forward(postActivations[l], preActivations[l], count: B * widths[l + 1])
            }
        }
        let normaliser = batch.targets.reduce(0) { $0 + ($1 == SoftmaxCrossEntropy.ignored ? 0 : 1) }
        let result = batch.targets.withUnsafeBufferPointer { targets in
            SoftmaxCrossEntropy.evaluate(logits: preActivations[layers - 1], targets: targets.baseAddress!, rows: B,
                                         classes: configuration.classes, gradient: gradients != nil, normaliser: normaliser)
        }
        guard let gradients else { return result }
        gradients.update(repeating: 0, count: layout.count)
        // delta (B, width of layer l + 1) = dloss/d(pre-activation); starts as dlogits.
        var delta = UnsafeMutablePointer(preActivations[layers - 1])
        for l in stride(from: layers - 1, through: 0, by: -1) {
            let x = l == 0 ? input : postActivations[l - 1]
            let below = delta == deltaA ? deltaB : deltaA
            Linear.backward(dx: l == 0 ? nil : below, dw: gradients + weightOffsets[l], db: gradients + biasOffsets[l],
                            dy: delta, x: x, w: parameters + weightOffsets[l], rows: B, inputs: widths[l], outputs: widths[l + 1],
                            scratch: linearScratch)
            if l > 0 {
                configuration.activation.backward(below, dy: below, x: preActivations[l - 1], count: B * widths[l])
                delta = below
            }
        }
        return result
    }
}
