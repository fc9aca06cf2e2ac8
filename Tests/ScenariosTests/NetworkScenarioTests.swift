import Networks
import OptimizerCore
import Scenarios
import XCTest

/// `[problem] type = "mlp"` / `"transformer"`: loading, located errors, and a race that trains
/// exactly as `descent train` does.
final class NetworkScenarioTests: XCTestCase {
    static let transformer = """
    [problem]
    type = "transformer"
    task = "modadd"
    modulus = 7
    dim = 8
    heads = 2
    hidden = 16
    batch = 16
    eval_every = 5

    [run]
    seed = 4

    [[optimizer]]
    type = "adamw"
    lr = 0.01

    [[optimizer]]
    type = "adam-mini"
    lr = 0.01
    """

    static let mlp = """
    [problem]
    type = "mlp"
    task = "spirals"
    points = 100
    hidden = [6, 5]
    activation = "relu"
    batch = 8

    [[optimizer]]
    type = "sgd"
    lr = 0.1
    momentum = 0.9

    [[optimizer]]
    type = "adam"
    lr = 0.01
    """

    private func load(_ text: String) throws -> Scenario { try ScenarioLoader.parse(text: text, file: "net.toml") }

    private func error(_ text: String) -> ScenarioError? {
        do {
            _ = try load(text)
            return nil
        } catch let error as ScenarioError {
            return error
        } catch {
            XCTFail("not a ScenarioError: \(error)")
            return nil
        }
    }

    func testTransformerScenarioLoadsWithLlamaNamesAndTheOfficialPartition() throws {
        let scenario = try load(Self.transformer)
        let network = try XCTUnwrap(scenario.problem.network)
        XCTAssertEqual(scenario.problem.typeName, "transformer")
        XCTAssertEqual(scenario.settings.precision, .float)
        XCTAssertEqual(network.batchSize, 16)
        XCTAssertEqual(network.evaluationInterval, 5)
        XCTAssertTrue(network.layout.tensors.contains { $0.name == "model.layers.0.self_attn.q_proj.weight" })
        XCTAssertEqual(network.layout.count, try ModelConfiguration.transformer(
            TransformerConfiguration(vocabulary: 8, context: 3, dim: 8, layers: 1, heads: 2, hidden: 16)).layout.count)
        XCTAssertEqual(scenario.problem.defaultPartition.name, "official")
    }

    func testMLPScenarioReadsWidthsAndActivation() throws {
        let network = try XCTUnwrap(try load(Self.mlp).problem.network)
        guard case .mlp(let configuration) = network.model else { return XCTFail("not an MLP") }
        XCTAssertEqual(configuration.hidden, [6, 5])
        XCTAssertEqual(configuration.activation, .relu)
        XCTAssertEqual(network.layout.count, 2 * 6 + 6 + 6 * 5 + 5 + 5 * 2 + 2)
    }

    func testErrorsNameTheLineKeyAndWhatIsValid() throws {
        let wrongTask = try XCTUnwrap(error(Self.transformer.replacingOccurrences(of: "task = \"modadd\"", with: "task = \"spirals\"")))
        XCTAssertEqual(wrongTask.line, 3)
        XCTAssertTrue(wrongTask.message.contains("\"modadd\", \"text\""), wrongTask.message)

        let heads = try XCTUnwrap(error(Self.transformer.replacingOccurrences(of: "heads = 2", with: "heads = 3")))
        XCTAssertEqual(heads.keyPath, "problem.heads")
        XCTAssertTrue(heads.message.contains("heads = 3 is not valid; heads must divide dim 8"), heads.message)

        let precision = try XCTUnwrap(error(Self.transformer.replacingOccurrences(of: "seed = 4", with: "seed = 4\nprecision = \"double\"")))
        XCTAssertEqual(precision.keyPath, "run.precision")
        XCTAssertTrue(precision.message.contains("train in float"), precision.message)

        let width = try XCTUnwrap(error(Self.mlp.replacingOccurrences(of: "hidden = [6, 5]", with: "hidden = [6, 0]")))
        XCTAssertEqual(width.keyPath, "problem.hidden")

        let activation = try XCTUnwrap(error(Self.mlp.replacingOccurrences(of: "\"relu\"", with: "\"rleu\"")))
        XCTAssertTrue(activation.message.contains("did you mean 'relu'"), activation.message)

        let text = try XCTUnwrap(error(Self.transformer.replacingOccurrences(of: "task = \"modadd\"", with: "task = \"text\"\ntext = \"missing-file.txt\"")))
        XCTAssertEqual(text.keyPath, "problem.text")
        XCTAssertTrue(text.message.contains("missing-file.txt"), text.message)

        let huge = try XCTUnwrap(error(Self.mlp.replacingOccurrences(of: "hidden = [6, 5]", with: "hidden = [65536, 65536]")))
        XCTAssertTrue(huge.message.contains("would have 4295360514 parameters"), huge.message)

        let otherModel = try XCTUnwrap(error(Self.mlp.replacingOccurrences(of: "batch = 8", with: "batch = 8\nlayers = 2")))
        XCTAssertEqual(otherModel.keyPath, "problem.layers")
        XCTAssertTrue(otherModel.message.contains("applies only to type = \"transformer\""), otherModel.message)

        let otherTask = try XCTUnwrap(error(Self.transformer.replacingOccurrences(of: "modulus = 7", with: "modulus = 7\ncontext = 8")))
        XCTAssertTrue(otherTask.message.contains("context applies only to task = \"text\""), otherTask.message)

        let unknown = try XCTUnwrap(error(Self.mlp.replacingOccurrences(of: "batch = 8", with: "batch = 8\nwidth = 2")))
        XCTAssertEqual(unknown.keyPath, "problem.width")
        XCTAssertTrue(unknown.message.contains("unknown key"), unknown.message)

        let noise = try XCTUnwrap(error(Self.mlp.replacingOccurrences(of: "batch = 8", with: "batch = 8\nnoise = 0.1")))
        XCTAssertEqual(noise.keyPath, "problem.noise")

        let blocks = try XCTUnwrap(error(Self.transformer.replacingOccurrences(of: "type = \"adam-mini\"", with: "type = \"adam-mini\"\npartition = \"blocks\"")))
        XCTAssertEqual(blocks.keyPath, "optimizer[2].partition")
    }

    func testAdamMiniOfficialRulesFollowTheModelKeyByKey() throws {
        let sized = try load(Self.transformer.replacingOccurrences(of: "type = \"adam-mini\"", with: "type = \"adam-mini\"\nn_heads = 2"))
        let plain = try load(Self.transformer)
        XCTAssertEqual(sized.optimizers[1].configuration.partition, plain.problem.defaultPartition)
    }

    func testEveryRacerStartsFromTheSameWeights() throws {
        let race = try NetworkRace(scenario: load(Self.transformer))
        XCTAssertEqual(race.racers[0].state.parameters.map(\.bitPattern), race.racers[1].state.parameters.map(\.bitPattern))
        XCTAssertEqual(race.racers[0].loss, race.racers[1].loss)
    }

    func testARacerTrainsExactlyAsTheTrainerOfDescentTrainDoes() throws {
        let scenario = try load(Self.transformer)
        var race = try NetworkRace(scenario: scenario)
        for _ in 0..<12 { race.advance() }
        let network = try XCTUnwrap(scenario.problem.network)
        for (index, entry) in scenario.optimizers.enumerated() {
            let trainer = try Trainer(configuration: network.trainingConfiguration(entry.configuration, schedule: entry.schedule, seed: 4))
            var last: StepReport?
            for _ in 0..<12 { last = trainer.step() }
            XCTAssertEqual(race.racers[index].state.parameters.map(\.bitPattern), trainer.parameters.map(\.bitPattern))
            XCTAssertEqual(race.racers[index].loss, last?.loss)
            XCTAssertEqual(race.racers[index].validation.step, 10, "evaluated every 5 steps")
        }
    }

    func testCopiesOfARaceReplayBitForBit() throws {
        var race = try NetworkRace(scenario: load(Self.mlp))
        for _ in 0..<5 { race.advance() }
        var copy = race
        for _ in 0..<7 { race.advance() }
        let ahead = race.racers.map { $0.state.parameters.map(\.bitPattern) }
        // The copy's trainers hold the other race's state now; stepping the copy must reload its own.
        for _ in 0..<7 { copy.advance() }
        XCTAssertEqual(copy.racers.map { $0.state.parameters.map(\.bitPattern) }, ahead)
        race.advance()
        copy.advance()
        XCTAssertEqual(copy.racers.map { $0.state.parameters.map(\.bitPattern) }, race.racers.map { $0.state.parameters.map(\.bitPattern) })
    }

    func testRetuningRetrainsFromStepZeroWithTheNewSetting() throws {
        let scenario = try load(Self.mlp)
        var race = try NetworkRace(scenario: scenario)
        for _ in 0..<9 { race.advance() }
        var configuration = race.racers[1].configuration
        configuration.hyperparameters.learningRate = 0.003
        try race.retune(racer: 1, configuration: configuration)
        XCTAssertEqual(race.step, 9)

        var edited = scenario
        edited.optimizers[1].configuration.hyperparameters.learningRate = 0.003
        var fresh = try NetworkRace(scenario: edited)
        for _ in 0..<9 { fresh.advance() }
        XCTAssertEqual(race.racers[1].state.parameters.map(\.bitPattern), fresh.racers[1].state.parameters.map(\.bitPattern))
        XCTAssertEqual(race.racers[0].state.parameters.map(\.bitPattern), fresh.racers[0].state.parameters.map(\.bitPattern))
    }

    func testARetunedCopyAndTheOriginalStepTheirSharedTrainersWithoutMixingStates() throws {
        let scenario = try load(Self.mlp)
        var original = try NetworkRace(scenario: scenario)
        for _ in 0..<4 { original.advance() }
        var retuned = original
        var configuration = retuned.racers[1].configuration
        configuration.hyperparameters.learningRate = 0.002
        try retuned.retune(racer: 1, configuration: configuration)
        // Interleave: each copy steps racer 0's shared trainer in turn.
        for _ in 0..<3 {
            original.advance()
            retuned.advance()
        }
        var reference = try NetworkRace(scenario: scenario)
        for _ in 0..<7 { reference.advance() }
        XCTAssertEqual(original.racers.map { $0.state.parameters.map(\.bitPattern) }, reference.racers.map { $0.state.parameters.map(\.bitPattern) })
        XCTAssertEqual(retuned.racers[0].state.parameters.map(\.bitPattern), reference.racers[0].state.parameters.map(\.bitPattern))
        var edited = scenario
        edited.optimizers[1].configuration.hyperparameters.learningRate = 0.002
        var retunedReference = try NetworkRace(scenario: edited)
        for _ in 0..<7 { retunedReference.advance() }
        XCTAssertEqual(retuned.racers[1].state.parameters.map(\.bitPattern), retunedReference.racers[1].state.parameters.map(\.bitPattern))
    }

    func testAHugeLearningRateDivergesAtAStepAndTheOthersGoOn() throws {
        let text = Self.transformer.replacingOccurrences(of: "type = \"adamw\"\nlr = 0.01", with: "type = \"sgd\"\nlr = 1e8\nmomentum = 0.9")
        var race = try NetworkRace(scenario: load(text))
        for _ in 0..<40 { race.advance() }
        let diverged = try XCTUnwrap(race.racers[0].divergedAt)
        XCTAssertGreaterThan(diverged, 0)
        XCTAssertLessThanOrEqual(diverged, 40)
        XCTAssertNil(race.racers[1].divergedAt)
        XCTAssertTrue(race.racers[1].loss.isFinite)
        let csv = TrainingCSV.rows(race)
        let labels = csv.split(separator: "\n").map { $0.split(separator: ",")[0] }
        XCTAssertEqual(labels, [Substring(race.racers[1].label)], "a diverged racer's rows end at its step")
    }
}
