import Networks
import OptimizerCore
import Scenarios

/// `descent run` on a network scenario: every optimizer trains from the same weights on the same
/// batches, streamed as CSV rows per step or summarised as JSON.
enum NetworkRunStreamer {
    /// CSV in `TrainingCSV`'s format, every step; the last step is always evaluated.
    static func csv(_ start: NetworkRace, steps: Int, to sink: OutputFile) {
        var race = start
        sink.write(TrainingCSV.header)
        if steps == 0 { race.evaluateAll() }
        sink.write(TrainingCSV.rows(race))
        for step in 0..<steps {
            race.advance()
            // The last row carries validation figures whatever the evaluation interval.
            if step == steps - 1 { race.evaluateAll() }
            sink.write(TrainingCSV.rows(race))
        }
    }

    /// JSON: the problem, then one object per optimizer with its final figures, each evaluated on
    /// the whole validation split after the last step.
    static func json(_ start: NetworkRace, scenario: Scenario, to sink: OutputFile) {
        var race = start
        for _ in 0..<scenario.settings.steps { race.advance() }
        let problem = race.problem
        sink.write("{\"scenario\":\(JSONText.string(scenario.name)),\"problem\":\(JSONText.string(scenario.problem.typeName))")
        sink.write(",\"task\":\(JSONText.string(problem.taskSummary)),\"parameters\":\(problem.layout.count)")
        sink.write(",\"steps\":\(scenario.settings.steps),\"chance_accuracy\":\(JSONText.number(problem.chanceAccuracy)),\"optimizers\":[")
        for (index, racer) in race.racers.enumerated() {
            let evaluation = race.evaluate(index)
            sink.write(index == 0 ? "\n" : ",\n")
            sink.write("{" + TrajectoryStreamer.settings(label: racer.label, configuration: racer.configuration, schedule: racer.schedule,
                                                         defaultPartition: scenario.problem.defaultPartition))
            sink.write(",\"final_loss\":\(JSONText.number(racer.loss)),\"eval_loss\":\(JSONText.number(evaluation.loss))")
            sink.write(",\"eval_accuracy\":\(JSONText.number(evaluation.accuracy)),\"diverged_step\":\(JSONText.integer(racer.divergedAt))")
            sink.write(",\"state_elements\":\(racer.state.optimizer.stateElementCount),\"state_bytes\":\(racer.state.optimizer.stateBytes)")
            sink.write(",\"learning_rates_kept\":\(racer.stepSizes.distinctLearningRates)}")
        }
        sink.write("\n]}\n")
    }
}
