import Foundation
import Rendering
import Scenarios
@testable import Visualizer

/// Scenarios written out in the tests, so snapshots do not move when the shipped files are tuned.
enum Fixtures {
    static let rosenbrock = """
    name = "Rosenbrock test"
    description = "Three optimizers in the valley."

    [problem]
    type = "rosenbrock"
    start = [-1.2, 1.0]

    [run]
    steps = 50

    [[optimizer]]
    type = "gd"
    lr = 0.001

    [[optimizer]]
    type = "adam"
    lr = 0.05

    [[optimizer]]
    type = "adam-mini"
    lr = 0.05
    """

    static let noisyRosenbrock = rosenbrock.replacingOccurrences(of: "start = [-1.2, 1.0]", with: "start = [-1.2, 1.0]\nnoise = 0.5")

    static let blockQuadratic = """
    name = "Block quadratic test"

    [problem]
    type = "quadratic"
    blocks = [{ size = 4, condition = 4, scale = 1.0 }, { size = 4, condition = 4, scale = 20.0 }]
    start = "random"

    [run]
    steps = 40
    seed = 3
    precision = "float"

    [[optimizer]]
    type = "gd"
    lr = 0.02

    [[optimizer]]
    type = "adam"
    lr = 0.05

    [[optimizer]]
    type = "adam-mini"
    lr = 0.05
    """

    static let diverging = """
    name = "Diverging test"

    [problem]
    type = "rosenbrock"
    start = [-1.2, 1.0]

    [[optimizer]]
    type = "gd"
    label = "GD too fast"
    lr = 0.5

    [[optimizer]]
    type = "adam"
    lr = 0.01
    """

    static func scenario(_ text: String, file: String = "test.toml") throws -> Scenario {
        try ScenarioLoader.parse(text: text, file: file)
    }

    static func state(_ text: String, width: Int = 120, height: Int = 40, mode: ColorMode = .none) throws -> AppState {
        try AppState(scenario: scenario(text), width: width, height: height, colorMode: mode)
    }

    static func key(_ character: Character) -> AppEvent { .input(.key(.character(character))) }
    static func key(_ key: Key) -> AppEvent { .input(.key(key)) }
}

extension AppState {
    /// Applies events in order.
    func after(_ events: AppEvent...) -> AppState {
        events.reduce(self) { AppState.update($0, $1) }
    }

    /// Every racer's parameters as bit patterns.
    var allBits: [[UInt64]] { (0..<optimizerCount).map { timeline.race.parameterBits($0) } }
}
