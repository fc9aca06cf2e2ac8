import ArgumentParser
import Foundation
import Scenarios
import Visualizer

/// `descent bench-ui` (hidden): frame times of the interactive view, rendered off screen.
struct TUIBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-ui",
        abstract: "Measure the interactive view's frame times (build with -c release).",
        shouldDisplay: false
    )

    @Argument(help: "A scenario .toml file (default: scenarios/flagship.toml).")
    var file: String?

    @OptionGroup var view: ViewOption

    func run() throws {
        let path = file ?? ((ScenarioDirectory.locate() ?? "scenarios") as NSString).appendingPathComponent(ScenarioDirectory.flagship)
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(path: path)
        } catch {
            throw fail(error)
        }
        let chosen = view.chosen
        print("\(scenario.name): \(scenario.optimizers.count) optimizers" + (chosen.map { ", main view \($0.rawValue)" } ?? ""))
        for (width, height) in [(120, 40), (240, 70)] {
            for figure in try UIBenchmark.measure(scenario: scenario, width: width, height: height, view: chosen) {
                let worst = figure.worst.isNaN ? "" : String(format: ", worst %.2f ms", figure.worst)
                print(String(format: "  %@: median %.2f ms", figure.name, figure.median) + worst)
            }
        }
    }
}
