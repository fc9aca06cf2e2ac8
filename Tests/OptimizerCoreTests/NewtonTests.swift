import OptimizerCore
import XCTest

final class NewtonTests: XCTestCase {
    private let layout = ParameterLayout(single: "xy", count: 2)

    func testOneStepAgainstAHandComputedStep() throws {
        // H(p) = [[4, 1], [1, 3]] everywhere, g = [1, 2], p = [1, -1], lr 0.5, damping 1:
        // (H + I) = [[5, 1], [1, 4]], det 19, d = [(4 - 2) / 19, (10 - 1) / 19] = [2/19, 9/19],
        // p' = p - 0.5 d = [1 - 1/19, -1 - 9/38].
        var configuration = OptimizerConfiguration(kind: .newton)
        try configuration.set("lr", to: .real(0.5))
        try configuration.set("damping", to: .real(1))
        var optimizer = try configuration.makeOptimizer(Double.self, layout: layout, hessian: { _ in [4, 1, 1, 3] })
        var p = [1.0, -1.0]
        optimizer.step(parameters: &p, gradients: [1, 2])
        XCTAssertEqual(p[0], 1 - 1.0 / 19, accuracy: 1e-15)
        XCTAssertEqual(p[1], -1 - 9.0 / 38, accuracy: 1e-15)
        XCTAssertNil((optimizer as? any FallibleOptimizer)?.failure)
        XCTAssertEqual(optimizer.stateElementCount, 0)
    }

    func testTheHessianIsTakenAtTheCurrentPoint() throws {
        // f = x^4 / 4 at x = 2: g = 8, H = 12, Newton's step 2 - 8/12.
        var optimizer = try OptimizerConfiguration(kind: .newton).makeOptimizer(Float.self, layout: ParameterLayout(single: "x", count: 1),
                                                                                hessian: { [3 * $0[0] * $0[0]] })
        var p: [Float] = [2]
        optimizer.step(parameters: &p, gradients: [8])
        XCTAssertEqual(p[0], Float(2 - 8.0 / 12), accuracy: 1e-6)
    }

    func testASingularSystemLeavesTheParametersAndSaysWhy() throws {
        var optimizer = try OptimizerConfiguration(kind: .newton).makeOptimizer(Double.self, layout: layout, hessian: { _ in [1, 2, 2, 4] })
        var p = [1.0, 1.0]
        optimizer.step(parameters: &p, gradients: [1, 1])
        XCTAssertEqual(p, [1, 1])
        let failure = try XCTUnwrap((optimizer as? any FallibleOptimizer)?.failure)
        XCTAssertEqual(failure.summary, "singular H")
        XCTAssertTrue(failure.description.contains("damping > 0"), failure.description)
    }

    func testWithoutAnExactHessianItIsAClearError() {
        XCTAssertThrowsError(try OptimizerConfiguration(kind: .newton).makeOptimizer(Double.self, layout: layout)) {
            XCTAssertEqual($0 as? PartitionError, .hessianUnavailable(optimizer: "newton"))
            XCTAssertTrue("\($0)".contains("not a network"))
        }
        XCTAssertThrowsError(try OptimizerConfiguration(kind: .newton).makeOptimizer(Double.self, layout: layout,
                                                                                   hessian: { _ in [1, 0, 0, 1] }, network: true))
        XCTAssertTrue(OptimizerKind.newton.needsHessian)
    }
}
