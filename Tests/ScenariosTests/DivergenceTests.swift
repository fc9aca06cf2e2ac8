import OptimizerCore
import Scenarios
import XCTest

/// A step that produces a non-finite value marks that optimizer diverged at that step; the
/// others go on.
final class DivergenceTests: XCTestCase {
    private let text = """
    [problem]
    type = "rosenbrock"

    [run]
    steps = 200

    [[optimizer]]
    type = "gd"
    label = "reckless"
    lr = 1000.0

    [[optimizer]]
    type = "adam"
    lr = 0.05
    """

    func testDivergedOptimizerStopsAndOthersGoOn() throws {
        let scenario = try ScenarioLoader.parse(text: text, file: "diverge.toml")
        var race = try Race<Double>(scenario: scenario)
        for _ in 0..<200 { race.advance() }
        let reckless = race.racers[0], adam = race.racers[1]
        let divergedAt = try XCTUnwrap(reckless.divergedAt)
        XCTAssertGreaterThan(divergedAt, 0)
        XCTAssertLessThan(divergedAt, 20)
        XCTAssertTrue(reckless.lastFinitePoint.allSatisfy(\.isFinite))
        XCTAssertEqual(reckless.optimizer.stepCount, divergedAt, "no steps after diverging")
        XCTAssertNil(adam.divergedAt)
        XCTAssertEqual(adam.optimizer.stepCount, 200)
        XCTAssertLessThan(adam.loss, 24.2 / 5, "adam kept improving from 24.2")
    }

    func testUnboundedSurfaceEndsInDivergenceNotACrash() throws {
        let saddle = """
        [problem]
        type = "saddle"
        start = [0.5, 0.1]

        [[optimizer]]
        type = "momentum"
        lr = 0.5
        """
        let scenario = try ScenarioLoader.parse(text: saddle, file: "saddle.toml")
        var race = try Race<Float>(scenario: scenario)
        for _ in 0..<5000 where race.racers[0].divergedAt == nil { race.advance() }
        XCTAssertNotNil(race.racers[0].divergedAt)
        XCTAssertTrue(race.racers[0].lastFinitePoint.allSatisfy(\.isFinite))
    }
}
