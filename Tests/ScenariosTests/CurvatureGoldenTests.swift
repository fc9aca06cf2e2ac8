import OptimizerCore
import Scenarios
import XCTest

/// eta and the preconditioned spectrum of every optimizer against values computed independently
/// from torch's optimizer state (tools/make_curvature_fixtures.py): a 9-D block quadratic and
/// 2-D surface points, run through the whole scenario stack.
final class CurvatureGoldenTests: XCTestCase {
    private let tolerance = 1e-9

    private func assertClose(_ actual: Double, _ expected: Double, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertLessThanOrEqual(abs(actual - expected), tolerance * max(abs(actual), abs(expected)),
                                 "\(what): \(actual) against \(expected)", file: file, line: line)
    }

    private func assertClose(_ actual: [Double], _ expected: [Double], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.count, expected.count, what, file: file, line: line)
        for (i, (a, e)) in zip(actual, expected).enumerated() {
            assertClose(a, e, "\(what)[\(i)]", file: file, line: line)
        }
    }

    func testEtaAndSpectraMatchTorch() throws {
        let fixture = try CurvatureFixture.load()
        var seen = Set<String>()
        for item in fixture.cases {
            let scenario = try ScenarioLoader.parse(text: fixture.scenarioText(for: item), file: "\(item.id).toml")
            var race = try Race<Double>(scenario: scenario)
            for _ in 0..<item.steps { race.advance() }
            let racer = race.racers[0]
            // The point itself agrees far more tightly; the comparisons below are about eta.
            for (a, e) in zip(racer.position, item.finalPoint) {
                XCTAssertEqual(a, e, accuracy: 1e-12 * max(1, abs(e)), "\(item.id): final point")
            }
            let eta = try XCTUnwrap(racer.optimizer.effectiveStepSizes(), item.id).perCoordinate
            assertClose(eta, item.eta, "\(item.id): eta")
            let curvature = try XCTUnwrap(race.preconditionedCurvature(racer: 0), item.id)
            XCTAssertEqual(curvature.step, item.steps, item.id)
            assertClose(curvature.stepSizes, item.eta, "\(item.id): P")
            assertClose(curvature.eigenvalues, item.eigenvalues, "\(item.id): eigenvalues of P^1/2 H P^1/2")
            assertClose(curvature.hessianEigenvalues, item.hessianEigenvalues, "\(item.id): eigenvalues of H")
            assertClose(curvature.lambdaMin, item.lambdaMin, "\(item.id): lambda_min")
            assertClose(curvature.lambdaMax, item.lambdaMax, "\(item.id): lambda_max")
            if let threshold = item.threshold {
                assertClose(curvature.threshold, threshold, "\(item.id): threshold")
            } else {
                XCTAssertEqual(curvature.threshold, .infinity, "\(item.id): no threshold")
            }
            if let condition = item.condition {
                assertClose(try XCTUnwrap(curvature.condition, item.id), condition, "\(item.id): condition")
            } else {
                XCTAssertNil(curvature.condition, item.id)
            }
            let sharpness = try XCTUnwrap(race.preconditionedSharpness(racer: 0), item.id)
            XCTAssertEqual(sharpness.lambdaMax, item.lambdaMax, accuracy: 1e-8 * abs(item.lambdaMax), "\(item.id): Lanczos")
            seen.insert(item.optimizer)
        }
        // Adafactor, Muon and Newton have no torch reference for eta: their trajectories are checked
        // against torch in MatrixOptimizerGoldenTests, Newton's step in NewtonTests.
        XCTAssertEqual(seen, Set(OptimizerKind.allCases.map(\.rawValue)).subtracting(["adafactor", "muon", "newton"]),
                       "every optimizer has a golden case")
        XCTAssertGreaterThanOrEqual(fixture.cases.count, 25)
    }
}
