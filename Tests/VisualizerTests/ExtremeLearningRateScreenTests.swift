import Foundation
import Rendering
import Scenarios
import XCTest
@testable import Visualizer

/// The screen after runs that go wrong: every optimizer on every surface at learning rates from
/// 1e-8 to 1e8, rendered at several sizes. Divergence is marked with its step; no NaN or infinity
/// reaches a colour scale, an axis, a label or the layout.
final class ExtremeLearningRateScreenTests: XCTestCase {
    static let surfaces = [
        "rosenbrock", "beale", "himmelblau", "rastrigin", "ackley", "booth", "matyas", "goldstein-price",
        "six-hump-camel", "three-hump-camel", "styblinski-tang", "mccormick", "saddle", "monkey-saddle", "elliptic-bowl",
    ]
    static let kinds = ["gd", "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "adam-mini"]
    static let learningRates = [1e-8, 1e-4, 1, 1e4, 1e8]
    static let sizes = [(0, 0), (1, 1), (59, 17), (60, 18), (120, 40), (200, 60)]

    static func scenarioText(problem: String, learningRate: Double, precision: String = "double", blockGD: Bool = false) -> String {
        var text = "name = \"extreme\"\n\n[problem]\n\(problem)\n\n[run]\nprecision = \"\(precision)\"\n"
        for kind in kinds { text += "\n[[optimizer]]\ntype = \"\(kind)\"\nlr = \(learningRate)\n" }
        if blockGD { text += "\n[[optimizer]]\ntype = \"block-gd\"\nscale = \(learningRate)\n" }
        return text
    }

    func testEverySurfaceAndLearningRateRendersCleanly() throws {
        var marked = 0
        for surface in Self.surfaces {
            for learningRate in Self.learningRates {
                let text = Self.scenarioText(problem: "type = \"\(surface)\"", learningRate: learningRate)
                marked += try check(text: text, context: "\(surface) lr \(learningRate)")
            }
        }
        XCTAssertGreaterThan(marked, 20, "divergence must be shown on the screen")
    }

    func testQuadraticsInBothPrecisionsRenderCleanly() throws {
        let problem = """
        type = "quadratic"
        blocks = [{ size = 3, condition = 10, scale = 1.0 }, { size = 3, condition = 10, scale = 1000.0 }]
        start = "random"
        """
        for precision in ["double", "float"] {
            for learningRate in Self.learningRates {
                let text = Self.scenarioText(problem: problem, learningRate: learningRate, precision: precision, blockGD: true)
                _ = try check(text: text, context: "quadratic \(precision) lr \(learningRate)")
            }
        }
    }

    func testRewindAndRetuneAcrossADivergence() throws {
        let text = Self.scenarioText(problem: "type = \"rosenbrock\"", learningRate: 1e8)
        var state = try AppState(scenario: ScenarioLoader.parse(text: text, file: "x.toml"), width: 120, height: 40, colorMode: .direct)
        let renderer = ScreenRenderer()
        state.advance(steps: 30)
        let divergedAt = try XCTUnwrap((0..<state.optimizerCount).compactMap { state.racer($0).divergedAt }.min())
        // Back over the divergence, forward again, then halve a diverged optimizer's rate many times.
        for _ in 0..<30 { state.apply(.input(.key(.character("b")))) }
        XCTAssertEqual(state.step, 0)
        state.advance(steps: 30)
        XCTAssertEqual((0..<state.optimizerCount).compactMap { state.racer($0).divergedAt }.min(), divergedAt)
        for _ in 0..<60 { state.apply(.input(.key(.character("[")))) }
        for _ in 0..<60 { state.apply(.input(.key(.character("]")))) }
        let screen = renderer.render(state).plainText()
        XCTAssertNil(NonFiniteText.first(in: screen), screen)
        XCTAssertTrue(screen.contains("diverged at step \(divergedAt)"), screen)
        state.apply(.input(.resize(width: 400, height: 120)))
        let large = renderer.render(state).plainText()
        XCTAssertNil(NonFiniteText.first(in: large), large)
        XCTAssertEqual(large.split(separator: "\n", omittingEmptySubsequences: false).count, 120)
    }

    /// Runs 60 steps, rendering along the way at every size; returns how many divergences the
    /// 120x40 legend shows.
    private func check(text: String, context: String) throws -> Int {
        let scenario = try ScenarioLoader.parse(text: text, file: "extreme.toml")
        var state = try AppState(scenario: scenario, width: 120, height: 40, colorMode: .direct)
        let renderer = ScreenRenderer()
        for chunk in [1, 4, 55] {
            state.advance(steps: chunk)
            for (width, height) in Self.sizes {
                state.apply(.input(.resize(width: width, height: height)))
                let screen = renderer.render(state).plainText()
                if let bad = NonFiniteText.first(in: screen) {
                    XCTFail("\(context) at step \(state.step), \(width)x\(height): the screen shows '\(bad)':\n\(screen)")
                }
            }
        }
        state.apply(.input(.resize(width: 120, height: 40)))
        let screen = renderer.render(state).plainText()
        var marked = 0
        for index in 0..<state.optimizerCount {
            let racer = state.racer(index)
            guard let step = racer.divergedAt else { continue }
            XCTAssertTrue(screen.contains("diverged at step \(step)"), "\(context): \(racer.label) diverged at \(step), not shown:\n\(screen)")
            marked += 1
        }
        return marked
    }
}
