import OptimizerCore
import Scenarios
import XCTest

/// Every optimizer on every surface at learning rates from 1e-8 to 1e8: a run either stays
/// finite or marks the step where it diverged and stops there, while the others go on.
final class ExtremeLearningRateTests: XCTestCase {
    static let surfaces = [
        "rosenbrock", "beale", "himmelblau", "rastrigin", "ackley", "booth", "matyas", "goldstein-price",
        "six-hump-camel", "three-hump-camel", "styblinski-tang", "mccormick", "saddle", "monkey-saddle", "elliptic-bowl",
    ]
    static let kinds = ["gd", "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "adam-mini"]
    static let learningRates = [1e-8, 1e-4, 1, 1e4, 1e8]

    /// A scenario racing every optimizer kind at one learning rate.
    static func scenarioText(problem: String, learningRate: Double, precision: String, steps: Int, blockGD: Bool = false) -> String {
        var text = "name = \"extreme\"\n\n[problem]\n\(problem)\n\n[run]\nsteps = \(steps)\nprecision = \"\(precision)\"\n"
        for kind in kinds {
            text += "\n[[optimizer]]\ntype = \"\(kind)\"\nlr = \(learningRate)\n"
        }
        if blockGD { text += "\n[[optimizer]]\ntype = \"block-gd\"\nscale = \(learningRate)\n" }
        return text
    }

    func testEveryOptimizerOnEverySurfaceStaysFiniteOrMarksItsDivergence() throws {
        var diverged = 0
        for surface in Self.surfaces {
            for learningRate in Self.learningRates {
                let text = Self.scenarioText(problem: "type = \"\(surface)\"", learningRate: learningRate, precision: "double", steps: 200)
                let scenario = try ScenarioLoader.parse(text: text, file: "\(surface).toml")
                var race = try Race<Double>(scenario: scenario)
                diverged += try check(&race, steps: 200, context: "\(surface) lr \(learningRate) double")
                var single = try Race<Float>(scenario: scenario)
                diverged += try check(&single, steps: 200, context: "\(surface) lr \(learningRate) float")
            }
        }
        // Not a tautology: at lr 1e8 most of these runs must blow up.
        XCTAssertGreaterThan(diverged, 100)
    }

    func testEveryOptimizerOnABlockQuadratic() throws {
        let problem = """
        type = "quadratic"
        blocks = [{ size = 3, condition = 10, scale = 1.0 }, { size = 3, condition = 10, scale = 1000.0 }]
        start = "random"
        """
        for learningRate in Self.learningRates {
            let text = Self.scenarioText(problem: problem, learningRate: learningRate, precision: "double", steps: 300, blockGD: true)
            let scenario = try ScenarioLoader.parse(text: text, file: "quadratic.toml")
            var race = try Race<Double>(scenario: scenario)
            let diverged = try check(&race, steps: 300, context: "quadratic lr \(learningRate)")
            if learningRate >= 1e4 { XCTAssertGreaterThan(diverged, 0, "lr \(learningRate) diverges somewhere") }
            if learningRate <= 1e-4 { XCTAssertEqual(diverged, 0, "lr \(learningRate) cannot diverge on a quadratic") }
        }
    }

    /// Advances `steps` times checking every racer; returns how many diverged.
    private func check<Scalar>(_ race: inout Race<Scalar>, steps: Int, context: String) throws -> Int {
        for step in 1...steps {
            race.advance()
            XCTAssertEqual(race.step, step, context)
            for racer in race.racers {
                let place = "\(context) \(racer.label) step \(step)"
                XCTAssertTrue(racer.lastFinitePoint.allSatisfy(\.isFinite), place)
                if let divergedAt = racer.divergedAt {
                    XCTAssertTrue((1...step).contains(divergedAt), "\(place): diverged at \(divergedAt)")
                    XCTAssertEqual(racer.optimizer.stepCount, divergedAt, "\(place): no steps after diverging")
                } else {
                    XCTAssertTrue(racer.loss.isFinite, "\(place): loss \(racer.loss) without a divergence mark")
                    XCTAssertTrue(racer.position.allSatisfy(\.isFinite), "\(place): position \(racer.position)")
                    XCTAssertEqual(racer.optimizer.stepCount, step, place)
                }
            }
        }
        return race.racers.filter { $0.divergedAt != nil }.count
    }
}
