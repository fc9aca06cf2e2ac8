import Networks
import OptimizerCore

/// One finished training run, as reported in the table and in JSON.
struct TrainResult: Encodable {
    let model: String
    let task: String
    let optimizer: String
    let hyperparameters: String
    let schedule: LearningRateSchedule
    let parameters: Int
    let initialLoss: Double?
    let finalLoss: Double?
    let evalLoss: Double?
    let evalAccuracy: Double?
    let chanceAccuracy: Double
    let optimizerStateElements: Int
    /// Which tensors took which update (Muon's recipe), empty when one rule updates all.
    var tensorUpdates: [(update: String, tensors: [String])] = []
    let tokensPerSecond: Double?
    let examplesPerSecond: Double?
    let steps: Int
    let seconds: Double
    /// Training loss of every step of this invocation (for the plot; not in the JSON).
    let lossHistory: [Double]
    /// Step of `lossHistory[0]`.
    let firstStep: Int

    enum CodingKeys: String, CodingKey {
        case model, task, optimizer, hyperparameters, schedule, parameters, steps, seconds
        case initialLoss = "initial_loss", finalLoss = "final_loss", evalLoss = "eval_loss"
        case evalAccuracy = "eval_accuracy", chanceAccuracy = "chance_accuracy"
        case optimizerStateElements = "optimizer_state_elements"
        case tokensPerSecond = "tokens_per_second", examplesPerSecond = "examples_per_second"
        case divergedStep = "diverged_step"
        case tensorUpdates = "tensor_updates"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encode(task, forKey: .task)
        try container.encode(optimizer, forKey: .optimizer)
        try container.encode(hyperparameters, forKey: .hyperparameters)
        try container.encode(JSONText.Schedule(schedule: schedule), forKey: .schedule)
        try container.encode(parameters, forKey: .parameters)
        try container.encode(Self.finite(initialLoss), forKey: .initialLoss)
        try container.encode(Self.finite(finalLoss), forKey: .finalLoss)
        try container.encode(Self.finite(evalLoss), forKey: .evalLoss)
        try container.encode(Self.finite(evalAccuracy), forKey: .evalAccuracy)
        try container.encode(chanceAccuracy, forKey: .chanceAccuracy)
        try container.encode(optimizerStateElements, forKey: .optimizerStateElements)
        if let tokensPerSecond { try container.encode(Self.finite(tokensPerSecond), forKey: .tokensPerSecond) }
        if let examplesPerSecond { try container.encode(Self.finite(examplesPerSecond), forKey: .examplesPerSecond) }
        try container.encode(steps, forKey: .steps)
        try container.encode(seconds, forKey: .seconds)
        try container.encode(divergedStep, forKey: .divergedStep)
        if !tensorUpdates.isEmpty {
            try container.encode(Dictionary(uniqueKeysWithValues: tensorUpdates.map { ($0.update, $0.tensors) }), forKey: .tensorUpdates)
        }
    }

    /// JSON has no NaN or infinity: a diverged loss is reported as null.
    private static func finite(_ x: Double?) -> Double? {
        x.flatMap { $0.isFinite ? $0 : nil }
    }
}
