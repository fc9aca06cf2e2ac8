import OptimizerCore
import Scenarios
import XCTest

/// Every optimizer x {rotated bowl, Rosenbrock, block quadratic} x {Float, Double} reaches a
/// sensible loss with sensible settings: the optax-style table, run through the whole scenario
/// stack (TOML -> Race).
final class OptimizerTableTests: XCTestCase {
    private struct Problem {
        let name: String
        let toml: String
        let steps: Int
        /// Required final loss as a fraction of the starting loss.
        let reduction: Double
    }

    private let problems = [
        Problem(name: "bowl", toml: """
            type = "elliptic-bowl"
            parameters = { l1 = 1.0, l2 = 10.0, angle = 30.0 }
            start = [-4.0, 3.0]
            """, steps: 400, reduction: 1e-3),
        Problem(name: "rosenbrock", toml: """
            type = "rosenbrock"
            start = [-1.2, 1.0]
            """, steps: 2000, reduction: 2e-2),
        Problem(name: "quadratic", toml: """
            type = "quadratic"
            blocks = [{ size = 4, condition = 2.0, scale = 1.0 }, { size = 4, condition = 2.0, scale = 10.0 }]
            start = "random"
            """, steps: 400, reduction: 1e-3),
    ]

    /// Settings per optimizer and problem: lines of the [[optimizer]] table; every registered
    /// optimizer must have a row.
    private func settings(_ kind: OptimizerKind, problem: String) -> String? {
        let rosen = problem == "rosenbrock"
        switch kind {
        case .gd: return rosen ? "lr = 0.001" : "lr = 0.05"
        case .sgd: return rosen ? "lr = 0.0005\nmomentum = 0.9\ndampening = 0.1" : "lr = 0.02\nmomentum = 0.5\nweight_decay = 0.0"
        case .momentum: return rosen ? "lr = 0.001" : "lr = 0.02"
        case .nesterov: return rosen ? "lr = 0.001" : "lr = 0.02"
        case .adagrad: return rosen ? "lr = 0.5" : "lr = 1.0"
        // Constant-step RMSprop hovers at a distance set by lr; a cosine schedule lets it settle.
        case .rmsprop: return rosen ? "lr = 0.003\ncentered = true" : "lr = 0.05\nschedule = \"cosine\""
        case .adam: return rosen ? "lr = 0.02" : "lr = 0.05"
        case .adamw: return rosen ? "lr = 0.02\nweight_decay = 0.0" : "lr = 0.05\nweight_decay = 0.0"
        case .adamMini: return rosen ? "lr = 0.02" : "lr = 0.05"
        case .nadam: return rosen ? "lr = 0.02" : "lr = 0.05"
        // RAdam's first steps are plain momentum SGD: on Rosenbrock a small lr, and beta2 0.99 so
        // that the adaptive term starts sooner.
        case .radam: return rosen ? "lr = 0.003\nbetas = [0.9, 0.99]" : "lr = 0.1"
        case .adamax: return "lr = 0.05"
        // Adadelta, like RMSprop, hovers at a distance set by lr; a cosine schedule lets it settle.
        case .adadelta: return rosen ? "lr = 1.0\nschedule = \"cosine\"" : (problem == "bowl" ? "lr = 5.0" : "lr = 5.0\nschedule = \"cosine\"")
        case .rprop: return "lr = 0.01"
        // Sign steps keep a distance of about lr from the minimum unless lr decays.
        case .lion: return rosen ? "lr = 0.002" : "lr = 0.05\nschedule = \"cosine\""
        case .blockGD: return problem == "quadratic" ? "scale = 1.0" : nil
        case .newton: return "lr = 1.0"
        case .adafactor: return rosen ? "lr = 0.05" : "lr = 0.1"
        // 2-D tensors only: the matrix scenarios and MatrixOptimizerGoldenTests cover it.
        case .muon: return nil
        default:
            XCTFail("\(kind) has no settings in the optimizer table")
            return nil
        }
    }

    func testEveryOptimizerReachesASensibleLoss() throws {
        var checked = 0
        for problem in problems {
            for precision in ["double", "float"] {
                for kind in OptimizerKind.allCases {
                    guard let lines = settings(kind, problem: problem.name) else { continue }
                    let text = """
                    [problem]
                    \(problem.toml)

                    [run]
                    steps = \(problem.steps)
                    precision = "\(precision)"
                    seed = 3

                    [[optimizer]]
                    type = "\(kind.rawValue)"
                    \(lines)
                    """
                    let scenario = try ScenarioLoader.parse(text: text, file: "\(kind.rawValue)-\(problem.name).toml")
                    let (initial, final, diverged) = try run(scenario)
                    let id = "\(kind.rawValue) on \(problem.name) in \(precision)"
                    XCTAssertNil(diverged, id)
                    XCTAssertLessThan(final, problem.reduction * initial, "\(id): \(initial) -> \(final)")
                    checked += 1
                }
            }
        }
        XCTAssertEqual(checked, 3 * 2 * 17 + 2)
    }

    private func run(_ scenario: Scenario) throws -> (Double, Double, Int?) {
        switch scenario.settings.precision {
        case .double: return try run(Race<Double>(scenario: scenario), steps: scenario.settings.steps)
        case .float: return try run(Race<Float>(scenario: scenario), steps: scenario.settings.steps)
        }
    }

    private func run<T: OptimizerScalar>(_ start: Race<T>, steps: Int) -> (Double, Double, Int?) {
        var race = start
        let initial = race.racers[0].loss
        for _ in 0..<steps { race.advance() }
        // The racer really moved: a broken optimizer that never steps must not pass.
        XCTAssertNotEqual(race.racers[0].position, start.racers[0].position)
        return (initial, race.racers[0].loss, race.racers[0].divergedAt)
    }
}
