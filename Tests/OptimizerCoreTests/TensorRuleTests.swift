import OptimizerCore
import XCTest

/// A rule that needs whole tensors: each matrix steps along its normalised gradient,
///
///     norm = ||g||_F (per tensor);  p <- p - lr * g / (norm + eps)
///
/// and refuses tensors that are not matrices, as a matrix-only rule (Muon) must.
private enum NormalizedMatrixDescent: TensorRule {
    static let hyperparameters: [HyperparameterDescriptor] = [
        .init("lr", "learning rate", .nonNegative, default: .real(0.1)),
        .init("eps", "added to the norm", .nonNegative, default: .real(1e-8)),
    ]
    static let variants = [OptimizerVariant("normalized-matrix", "each matrix along g / ||g||")]
    static let adaptsStepSizes = true
    static func stabilityThreshold(_ h: Hyperparameters) -> Double { 2 }
    static func weightDecay(_ h: Hyperparameters) -> WeightDecay { .none }

    enum State: Int, StateVectorName {
        case gradNorm, rowSum
    }

    static func stateVector(_ vector: State, _ h: Hyperparameters) -> StateVectorSpec {
        switch vector {
        case .gradNorm: .init("grad_norm", .perTensor { _ in 1 })
        case .rowSum: .init("row_sum", .perTensor { $0.shape[0] })
        }
    }

    static func check(_ layout: ParameterLayout, _ h: Hyperparameters) throws(PartitionError) {
        if let tensor = layout.tensors.first(where: { $0.shape.count != 2 }) {
            throw .unsupportedTensor(optimizer: "normalized-matrix", name: tensor.name, shape: tensor.shape, reason: "it updates 2-D tensors only")
        }
    }

    static func withUpdate<Body: TensorBody>(_ context: StepContext<Body.Scalar>, _ body: inout Body) {
        body.run(Update<Body.Scalar>(lr: .init(context.real("lr")), eps: .init(context.real("eps"))))
    }

    struct Update<Scalar: OptimizerScalar>: TensorUpdate {
        let lr, eps: Scalar

        func apply(to tensor: TensorSpec, parameters: UnsafeMutableBufferPointer<Scalar>,
                   gradients: UnsafeBufferPointer<Scalar>, state: TensorState<Scalar, State>) {
            let norm = gradients.reduce(0) { $0 + $1 * $1 }.squareRoot()
            state[.gradNorm][0] = norm
            let columns = tensor.shape[1]
            for row in 0..<tensor.shape[0] {
                state[.rowSum][row] = gradients[(row * columns)..<((row + 1) * columns)].reduce(0, +)
            }
            for i in parameters.indices { parameters[i] -= lr * gradients[i] / (norm + eps) }
        }

        func stepSizes(of tensor: TensorSpec, state: TensorState<Scalar, State>) -> [Double] {
            [Double(lr / (state[.gradNorm][0] + eps))]
        }
    }
}

final class TensorRuleTests: XCTestCase {
    private let registry = OptimizerRegistry.standard.adding([.tensorwise(NormalizedMatrixDescent.self)])

    func testEachTensorGetsItsShapeAndItsShareOfTheState() throws {
        let kind = try XCTUnwrap(registry.kind(named: "normalized-matrix"))
        let layout = ParameterLayout([("a", [2, 3]), ("b", [1, 4])])
        var configuration = OptimizerConfiguration(kind: kind)
        try configuration.set("eps", to: .real(0))
        var optimizer = try configuration.makeOptimizer(Double.self, layout: layout)
        XCTAssertFalse(optimizer.hasEffectiveStepSizes)
        var p = [Double](repeating: 0, count: 10)
        let g: [Double] = [3, 0, 0, 4, 0, 0, 1, 1, 1, 1]
        optimizer.step(parameters: &p, gradients: g)
        // Tensor a's gradient has norm 5, b's norm 2: each moves lr along its own unit gradient.
        XCTAssertEqual(p[0], -0.1 * 3 / 5, accuracy: 1e-12)
        XCTAssertEqual(p[3], -0.1 * 4 / 5, accuracy: 1e-12)
        XCTAssertEqual(p[6], -0.1 / 2, accuracy: 1e-12)
        let state = optimizer.stateVectors()
        XCTAssertEqual(state.vectors.map(\.name), ["grad_norm", "row_sum"])
        XCTAssertEqual(state["grad_norm"]!, [5, 2])
        XCTAssertEqual(state["row_sum"]!, [3, 4, 4])
        XCTAssertEqual(optimizer.stateElementCount, 5)
        let sizes = try XCTUnwrap(optimizer.effectiveStepSizes())
        XCTAssertEqual(sizes.groupSizes, [6, 4])
        XCTAssertEqual(sizes.stepSizes[0], 0.1 / 5, accuracy: 1e-12)
        XCTAssertEqual(sizes.stepSizes[1], 0.1 / 2, accuracy: 1e-12)
    }

    func testATensorTheRuleCannotUpdateIsAnErrorNamingIt() {
        let kind = registry.kind(named: "normalized-matrix")!
        let layout = ParameterLayout([("w", [2, 2]), ("bias", [2])])
        XCTAssertThrowsError(try OptimizerConfiguration(kind: kind).makeOptimizer(Float.self, layout: layout)) { error in
            XCTAssertEqual("\(error)", "normalized-matrix cannot update tensor bias of shape [2]: it updates 2-D tensors only")
        }
    }
}
