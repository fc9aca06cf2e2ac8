import ArgumentParser
import Networks
import Foundation
import OptimizerCore
import Scenarios

/// `descent run`: a scenario headless, trajectories as CSV or JSON.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario headless and print every optimizer's trajectory.",
        discussion: """
        CSV: a header `optimizer,step,loss,x0,x1,...`, then one row per optimizer per step (step 0 is \
        the start), optimizers in file order. Numbers are printed in their shortest exact form. \
        JSON adds a summary per optimizer: final loss, steps to reach 1e-6 of the known minimum, \
        the step where it diverged, and its state size.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    @Argument(help: "A scenario .toml file.")
    var file: String

    @Option(parsing: .unconditional, help: "Steps to run (default: the scenario's [run] steps).")
    var steps: Int?

    @Option(help: "Output format: csv or json.")
    var format: Format = .csv

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func validate() throws {
        if let steps, !(0...RunSettings.maximumSteps).contains(steps) {
            throw ValidationError("--steps \(steps) is out of range; give 0 to \(RunSettings.maximumSteps)")
        }
    }

    func run() throws {
        var scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(path: file)
        } catch {
            throw fail(error)
        }
        if let steps { scenario.settings.steps = steps }
        do {
            let sink = try OutputFile(output.map { .file(path: $0, overwrite: force) } ?? .standardOutput)
            if scenario.problem.network != nil {
                let race = try NetworkRace(scenario: scenario)
                switch format {
                case .csv: NetworkRunStreamer.csv(race, steps: scenario.settings.steps, to: sink)
                case .json: NetworkRunStreamer.json(race, scenario: scenario, to: sink)
                }
                try sink.finish()
                return
            }
            switch scenario.settings.precision {
            case .double: try emit(Race<Double>(scenario: scenario), scenario: scenario, to: sink)
            case .float: try emit(Race<Float>(scenario: scenario), scenario: scenario, to: sink)
            }
            try sink.finish()
        } catch let error as OutputFileError {
            throw fail("--output: \(ForceHint.message(error))")
        } catch let error as PartitionError {
            throw fail("\(file): \(error)")
        } catch let error as TrainingError {
            throw fail("\(file): \(error.message(naming: \.scenarioKey))")
        }
    }

    private func emit<T: OptimizerScalar>(_ race: Race<T>, scenario: Scenario, to sink: OutputFile) {
        switch format {
        case .csv: TrajectoryStreamer.csv(race, steps: scenario.settings.steps, to: sink)
        case .json: TrajectoryStreamer.json(race, scenario: scenario, to: sink)
        }
    }
}
