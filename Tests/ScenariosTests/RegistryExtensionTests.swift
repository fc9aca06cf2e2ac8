import OptimizerCore
import Scenarios
import XCTest

/// A rule that exists only in this file: sign descent with momentum,
///
///     m <- beta * m + (1 - beta) * g;   p <- p - lr * sign(m)
///
/// Written as a new optimizer would be, and registered by one line in a registry of the test's
/// own, it must be listed, validated, run, retuned and exported by name with no other edit.
private enum SignMomentum: ElementwiseRule {
    static let hyperparameters: [HyperparameterDescriptor] = [
        .init("lr", "learning rate", .nonNegative, default: .real(0.01)),
        .init("beta", "decay of the momentum", .unitOpen, default: .real(0.9)),
    ]
    static let variants = [OptimizerVariant("sign-momentum", "sign descent on a momentum of the gradient")]
    static let adaptsStepSizes = false
    static let stepSizesAreUniform = true
    static func stabilityThreshold(_ h: Hyperparameters) -> Double { 2 }
    static func weightDecay(_ h: Hyperparameters) -> WeightDecay { .none }

    enum State: Int, StateVectorName {
        case momentum
    }

    static func stateVector(_ vector: State, _ h: Hyperparameters) -> StateVectorSpec { .init("momentum_buffer") }

    static func withUpdate<Body: ElementwiseBody>(_ context: StepContext<Body.Scalar>, _ body: inout Body) {
        body.run(Update<Body.Scalar>(lr: .init(context.real("lr")), beta: .init(context.real("beta")),
                                     oneMinusBeta: .init(1 - context.real("beta"))))
    }

    struct Update<Scalar: OptimizerScalar>: ElementwiseUpdate {
        let lr, beta, oneMinusBeta: Scalar

        func apply<V: OptimizerLane>(_ p: inout V, _ g: V, _ state: StateLanes<V, State>) where V.Scalar == Scalar {
            let m = beta * state[.momentum] + oneMinusBeta * g
            state[.momentum] = m
            p = p - lr * m.signum
        }

        func stepSize<V: OptimizerLane>(_ state: StateLanes<V, State>) -> V where V.Scalar == Scalar { V(broadcast: lr) }
    }
}

final class RegistryExtensionTests: XCTestCase {
    /// The standard optimizers plus the test's rule: its one registry line.
    private let registry = OptimizerRegistry.standard.adding([.elementwise(SignMomentum.self)])

    private func scenario(_ lines: String, registry: OptimizerRegistry? = nil) throws(ScenarioError) -> Scenario {
        try ScenarioLoader.parse(text: """
            [problem]
            type = "elliptic-bowl"
            start = [-4.0, 3.0]

            [run]
            steps = 3

            [[optimizer]]
            type = "sign-momentum"
            \(lines)
            """, file: "sign.toml", registry: registry ?? self.registry)
    }

    private func message(_ body: () throws -> Any) -> String {
        do {
            _ = try body()
            XCTFail("no error")
            return ""
        } catch {
            return "\(error)"
        }
    }

    func testTheListingNamesTheRuleWithItsDefaults() {
        let lines = OptimizerListing.lines(registry)
        XCTAssertTrue(lines.contains { $0.contains("sign-momentum") && $0.contains("sign descent on a momentum") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.contains("beta") && $0.contains("default 0.9") && $0.contains("in [0, 1)") }, "\(lines)")
        XCTAssertFalse(OptimizerListing.lines(.standard).joined().contains("sign-momentum"))
        XCTAssertEqual(registry.names.last, "sign-momentum")
        XCTAssertEqual(registry.trainableKinds.last?.rawValue, "sign-momentum")
    }

    func testScenarioValidationUsesTheRulesDescriptors() throws {
        let loaded = try scenario("beta = 0.5\nlr = 0.25")
        XCTAssertEqual(loaded.optimizers[0].configuration.kind.rawValue, "sign-momentum")
        XCTAssertEqual(loaded.optimizers[0].configuration.hyperparameters.real("beta"), 0.5)
        XCTAssertTrue(message { try self.scenario("beta = 1.5") }.contains("beta = 1.5 is not valid; beta must be a number in [0, 1)"))
        let misspelt = message { try self.scenario("betta = 0.5") }
        XCTAssertTrue(misspelt.contains("betta") && misspelt.contains("beta"), misspelt)
        let unknown = message { try self.scenario("", registry: .standard) }
        XCTAssertTrue(unknown.contains("type = \"sign-momentum\" is not an optimizer"), unknown)
    }

    func testTheRuleRunsRetunesAndExportsItsStateByName() throws {
        var race = try Race<Double>(scenario: scenario("lr = 0.25\nbeta = 0.5"))
        let start = race.racers[0].parameters
        race.advance()
        race.advance()
        let moved = zip(race.racers[0].parameters, start).map { $0 - $1 }
        // Both coordinates move against the sign of their momentum by exactly lr per step.
        XCTAssertEqual(moved.map(abs), [0.5, 0.5])
        XCTAssertEqual(race.racers[0].optimizer.stepSizes(), .uniform(0.25, count: 2))
        let saved = race.racers[0].optimizer.stateVectors()
        XCTAssertEqual(saved.vectors.map(\.name), ["momentum_buffer"])
        XCTAssertEqual(saved.step, 2)
        var fresh = try race.racers[0].configuration.makeOptimizer(Double.self, layout: ParameterLayout(single: "xy", count: 2))
        try fresh.restore(saved)
        XCTAssertEqual(fresh.stateVectors(), saved)

        let retuned = try RetuneParser.configuration(from: "lr=0.5 beta=0.25", current: race.racers[0].configuration)
        XCTAssertEqual(retuned.hyperparameters.real("lr"), 0.5)
        XCTAssertEqual(RetuneParser.line(for: retuned), "lr=0.5 beta=0.25")
    }
}
