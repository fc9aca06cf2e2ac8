import Objectives
import OptimizerCore
import Scenarios
import XCTest

/// The preconditioned curvature's edge cases: no eta before an adaptive method's first update,
/// each family's threshold, no condition number for an indefinite Hessian, and the toy's spectra.
final class PreconditionedCurvatureTests: XCTestCase {
    private func scenario(problem: String, optimizers: [String], steps: Int = 10) throws -> Scenario {
        let tables = optimizers.enumerated().map { "[[optimizer]]\nlabel = \"o\($0.offset)\"\n\($0.element)" }.joined(separator: "\n\n")
        let text = "[problem]\n\(problem)\n\n[run]\nsteps = \(steps)\nseed = 2\n\n\(tables)\n"
        return try ScenarioLoader.parse(text: text, file: "curvature.toml")
    }

    private let quadratic = """
        type = "quadratic"
        blocks = [{ size = 3, condition = 2.0, scale = 1.0 }, { size = 3, condition = 2.0, scale = 10.0 }]
        start = "random"
        """

    func testAdaptiveMethodsHaveNoStepSizesBeforeTheFirstUpdate() throws {
        // Muon takes 2-D tensors only; a quadratic's blocks are vectors.
        let kinds = OptimizerKind.allCases.filter { $0 != .muon }
        let race = try Race<Double>(scenario: scenario(problem: quadratic, optimizers: kinds.map { "type = \"\($0.rawValue)\"" }))
        for (index, kind) in kinds.enumerated() {
            let optimizer = race.racers[index].optimizer
            let curvature = race.preconditionedCurvature(racer: index)
            if kind.adaptsStepSizes {
                XCTAssertNil(optimizer.effectiveStepSizes(), kind.rawValue)
                XCTAssertNil(curvature, kind.rawValue)
                XCTAssertNil(race.preconditionedSharpness(racer: index), kind.rawValue)
            } else {
                XCTAssertNotNil(optimizer.effectiveStepSizes(), kind.rawValue)
                XCTAssertEqual(curvature?.step, 0, kind.rawValue)
            }
        }
        var stepped = race
        stepped.advance()
        for index in kinds.indices {
            XCTAssertEqual(stepped.preconditionedCurvature(racer: index)?.step, 1, kinds[index].rawValue)
        }
    }

    func testThresholdsFollowTheFamily() throws {
        let expected: [(String, Double)] = [
            ("type = \"gd\"", 2),
            ("type = \"sgd\"\nmomentum = 0.5\ndampening = 0.2", 3 / 0.8),
            ("type = \"momentum\"", 3.8),
            ("type = \"nesterov\"", 3.8 / 2.8),
            ("type = \"adagrad\"", 2),
            ("type = \"rmsprop\"", 2),
            ("type = \"rmsprop\"\nmomentum = 0.5", 3),
            ("type = \"adam\"", 38),
            ("type = \"adamw\"\nbetas = [0.8, 0.99]", 3.6 / 0.2),
            ("type = \"adam-mini\"", 38),
            ("type = \"block-gd\"", 2),
        ]
        var race = try Race<Double>(scenario: scenario(problem: quadratic, optimizers: expected.map(\.0)))
        race.advance()
        for (index, (table, threshold)) in expected.enumerated() {
            let curvature = try XCTUnwrap(race.preconditionedCurvature(racer: index), table)
            XCTAssertEqual(curvature.threshold, threshold, accuracy: 1e-12 * threshold, table)
            XCTAssertEqual(race.preconditionedSharpness(racer: index)?.threshold, curvature.threshold, table)
        }
    }

    func testIndefiniteHessianHasNoConditionNumber() throws {
        // Himmelblau near (-1, -1) is a local maximum: f_xx = -34, f_yy = -18, f_xy = -8 there.
        var race = try Race<Double>(scenario: scenario(problem: "type = \"himmelblau\"\nstart = [-1.0, -1.0]",
                                                       optimizers: ["type = \"gd\"\nlr = 0.001", "type = \"adam\"\nlr = 0.001"]))
        race.advance()
        for index in 0..<2 {
            let curvature = try XCTUnwrap(race.preconditionedCurvature(racer: index))
            XCTAssertLessThan(curvature.lambdaMin, 0)
            XCTAssertLessThan(curvature.hessianEigenvalues[0], 0)
            XCTAssertNil(curvature.condition)
            XCTAssertNil(curvature.hessianCondition)
        }
    }

    func testLanczosMatchesTheDenseSpectrumOnTheToy() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenarios/adam-mini-toy.toml").path
        var race = try Race<Double>(scenario: ScenarioLoader.load(path: path))
        for _ in 0..<40 { race.advance() }
        for index in race.racers.indices {
            let dense = try XCTUnwrap(race.preconditionedCurvature(racer: index))
            let fast = try XCTUnwrap(race.preconditionedSharpness(racer: index))
            XCTAssertEqual(fast.lambdaMax, dense.lambdaMax, accuracy: 1e-8 * dense.lambdaMax, race.racers[index].label)
            XCTAssertTrue(fast.estimate.converged, race.racers[index].label)
            XCTAssertLessThan(fast.estimate.iterations, 90, race.racers[index].label)
            XCTAssertEqual(dense.hessianCondition ?? 0, 200, accuracy: 1e-9 * 200)
        }
    }
}
