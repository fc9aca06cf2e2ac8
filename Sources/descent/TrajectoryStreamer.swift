import OptimizerCore
import Scenarios

/// Streams a race's trajectories, so a million steps use as little memory as ten.
enum TrajectoryStreamer {
    /// CSV: every step, every optimizer in file order; a diverged optimizer's rows end at the
    /// step where it diverged.
    static func csv<T: OptimizerScalar>(_ start: Race<T>, steps: Int, to sink: OutputFile) {
        var race = start
        sink.write(TrajectoryCSV.header(dimension: race.objective.dimension))
        writeRows(race, to: sink)
        for _ in 0..<steps {
            race.advance()
            writeRows(race, to: sink)
        }
    }

    private static func writeRows<T: OptimizerScalar>(_ race: Race<T>, to sink: OutputFile) {
        for racer in race.racers where racer.divergedAt == nil || racer.divergedAt == race.step {
            sink.write(TrajectoryCSV.row(label: racer.label, step: race.step, loss: racer.loss, parameters: racer.parameters))
        }
    }

    /// JSON: one object per optimizer with its trajectory and a summary; optimizers run one after
    /// another so only one trajectory is ever being written.
    static func json<T: OptimizerScalar>(_ start: Race<T>, scenario: Scenario, to sink: OutputFile) {
        let minimum = start.objective.minimumValue
        sink.write("{\"scenario\":\(JSONText.string(scenario.name)),\"problem\":\(JSONText.string(scenario.problem.typeName))")
        sink.write(",\"dimension\":\(start.objective.dimension),\"precision\":\"\(T.precisionName)\",\"steps\":\(scenario.settings.steps)")
        sink.write(",\"minimum_value\":\(minimum.map { JSONText.number($0) } ?? "null"),\"optimizers\":[")
        for index in start.racers.indices {
            var race = start.only(racer: index)
            let first = race.racers[0]
            sink.write(index == 0 ? "\n" : ",\n")
            sink.write("{" + settings(label: first.label, configuration: first.configuration, schedule: first.schedule,
                                      defaultPartition: scenario.problem.defaultPartition))
            sink.write(",\"trajectory\":[")
            var reached: Int?
            func record(_ racer: Racer<T>, step: Int) {
                if step > 0 { sink.write(",") }
                sink.write("{\"step\":\(step),\"loss\":\(JSONText.number(racer.loss)),\"x\":[")
                sink.write(racer.parameters.map { JSONText.number($0) }.joined(separator: ","))
                sink.write("]}")
                if reached == nil, let minimum, racer.loss - minimum <= 1e-6 { reached = step }
            }
            record(race.racers[0], step: 0)
            for step in 1...max(scenario.settings.steps, 1) where scenario.settings.steps > 0 {
                guard race.racers[0].divergedAt == nil else { break }
                race.advance()
                record(race.racers[0], step: step)
            }
            let racer = race.racers[0]
            sink.write("],\"final_loss\":\(JSONText.number(racer.loss)),\"steps_to_tolerance\":\(JSONText.integer(reached))")
            sink.write(",\"diverged_step\":\(JSONText.integer(racer.divergedAt))")
            sink.write(",\"diverged_reason\":\(racer.failure.map { JSONText.string($0.description) } ?? "null")")
            sink.write(",\"state_elements\":\(racer.optimizer.stateElementCount),\"state_bytes\":\(racer.optimizer.stateBytes)")
            sink.write(",\"learning_rates_kept\":\(racer.optimizer.stepSizes().distinctLearningRates)")
            sink.write(",\"preconditioned\":\(JSONText.preconditioned(race.preconditionedCurvature(racer: 0)))}")
        }
        sink.write("\n]}\n")
    }

    /// `"label":…,"type":…,"hyperparameters":{…},"schedule":{…}` and, for rules that use a
    /// partition (Adam-mini, block-GD), `"partition":…`: how every `descent run --format json` names an optimizer's settings.
    static func settings(label: String, configuration: OptimizerConfiguration, schedule: LearningRateSchedule,
                         defaultPartition: PartitionStrategy) -> String {
        var text = "\"label\":\(JSONText.string(label)),\"type\":\"\(configuration.kind.rawValue)\",\"hyperparameters\":{"
        text += configuration.hyperparameters.namedValues.map { "\(JSONText.string($0.name)):\(json($0.value))" }.joined(separator: ",")
        text += "},\"schedule\":\(JSONText.schedule(schedule))"
        // A rule with a fallback of its own (block-GD's Hessian blocks) names only a given partition.
        if let use = configuration.kind.partition, let partition = configuration.partition ?? (use.fallback == nil ? defaultPartition : nil) {
            text += ",\"partition\":\(JSONText.string(partition.name))"
        }
        return text
    }

    private static func json(_ value: HyperValue) -> String {
        switch value {
        case .real(let x): JSONText.number(x)
        case .flag(let b): b ? "true" : "false"
        case .pair(let a, let b): "[\(JSONText.number(a)),\(JSONText.number(b))]"
        case .list(let xs): "[" + xs.map(JSONText.number).joined(separator: ",") + "]"
        case .choice(let name): JSONText.string(name)
        }
    }
}
