import OptimizerCore

/// The CSV format of a network race, shared by `descent run` and the visualizer's export: a header
/// `optimizer,step,loss,learning_rate,grad_norm,val_loss,val_accuracy` then one row per optimizer per
/// step. `loss` is the mean loss of that step's batch (step 0: the validation loss at the initial
/// weights); the validation columns are filled on the steps where the validation split was evaluated.
public enum TrainingCSV {
    /// The header line.
    public static let header = "optimizer,step,loss,learning_rate,grad_norm,val_loss,val_accuracy\n"

    /// The rows of every racer for the race's current step (a diverged racer's last row is the
    /// step where it diverged).
    public static func rows(_ race: NetworkRace) -> String {
        var text = ""
        for racer in race.racers where racer.divergedAt == nil || racer.divergedAt == race.step {
            // Step 0 took no update: no learning rate or gradient yet.
            let rate = race.step == 0 ? "" : NumberText.shortest(racer.learningRate)
            let norm = race.step == 0 ? "" : NumberText.shortest(racer.gradientNorm)
            text += TrajectoryCSV.field(racer.label) + ",\(race.step),\(NumberText.shortest(racer.loss)),\(rate),\(norm),"
            if racer.validation.step == race.step {
                text += "\(NumberText.shortest(racer.validation.loss)),\(NumberText.shortest(racer.validation.accuracy))\n"
            } else {
                text += ",\n"
            }
        }
        return text
    }
}
