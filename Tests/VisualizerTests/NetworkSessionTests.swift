import Rendering
import Scenarios
import XCTest
@testable import Visualizer

/// A network scenario in the visualizer: live training, exact rewinding, the Hessian key, and
/// screens that show validation figures instead of a surface.
final class NetworkSessionTests: XCTestCase {
    static let mlp = """
    name = "MLP test"

    [problem]
    type = "mlp"
    task = "blobs"
    classes = 3
    points = 90
    hidden = [5]
    batch = 8
    eval_every = 4

    [[optimizer]]
    type = "adamw"
    lr = 0.02

    [[optimizer]]
    type = "adam-mini"
    lr = 0.02
    """

    func testRewindingANetworkIsExactInsideAndBeyondTheWindow() throws {
        var state = try Fixtures.state(Self.mlp)
        XCTAssertNil(state.plane)
        state.advance(steps: 7)
        let atSeven = state.allBits
        let lossesAtSeven = state.timeline.losses
        state.advance(steps: Timeline.maximumWindow + 40)
        let atEnd = state.allBits
        for _ in 0..<(Timeline.maximumWindow + 40) { state = state.after(Fixtures.key("b")) }
        XCTAssertEqual(state.step, 7)
        XCTAssertEqual(state.allBits, atSeven)
        XCTAssertEqual(state.timeline.losses.map { $0.map(\.bitPattern) }, lossesAtSeven.map { $0.map(\.bitPattern) })
        state.advance(steps: Timeline.maximumWindow + 40)
        XCTAssertEqual(state.allBits, atEnd)
    }

    func testTheHessianKeyFormsTheHessianAtTheSelectedWeights() throws {
        var state = try Fixtures.state(Self.mlp)
        XCTAssertTrue(state.hessianPending, "asked for at load")
        XCTAssertNil(state.networkHessian, "formed by the runner after a first frame")
        XCTAssertTrue(ScreenRenderer().render(state).plainText().contains("forming the Hessian"))
        state.formPendingHessian()
        XCTAssertFalse(state.hessianPending)
        guard case .success(let initial)? = state.networkHessian else { return XCTFail("a Hessian at load") }
        XCTAssertEqual(initial.step, 0)
        state.advance(steps: 30)
        state = state.after(Fixtures.key(.tab), Fixtures.key("H"))
        XCTAssertTrue(state.hessianPending)
        state.formPendingHessian()
        guard case .success(let hessian)? = state.networkHessian else { return XCTFail("no Hessian after H") }
        let n = 2 * 5 + 5 + 5 * 3 + 3
        XCTAssertEqual(hessian.size, n)
        XCTAssertEqual(hessian.tensors.map(\.count).reduce(0, +), n)
        XCTAssertEqual(hessian.tensorBlockRMS.count, hessian.tensors.count * hessian.tensors.count)
        XCTAssertEqual(hessian.step, 30)
        XCTAssertEqual(hessian.racer, 1)
        XCTAssertEqual(hessian.blockSizes.reduce(0, +), n)
        XCTAssertTrue((0...1).contains(hessian.shareInBlocks))
        XCTAssertTrue((0...1).contains(hessian.shareInRandomBlocks))
        XCTAssertNotEqual(hessian.shareInBlocks, initial.shareInBlocks, "taken at other weights")
        XCTAssertTrue(state.notice?.contains("inside Adam-mini's blocks") ?? false)
        for (block, tensor) in zip(hessian.diagonalBlocks, hessian.tensors) {
            let m = tensor.count
            XCTAssertEqual(block.count, m * m)
            for i in 0..<m {
                for j in 0..<m { XCTAssertEqual(block[i * m + j], block[j * m + i], accuracy: 1e-9 * (1 + abs(block[i * m + j]))) }
            }
        }
    }

    func testScreensShowValidationAndTheHessianAndNeverNaN() throws {
        var state = try Fixtures.state(Self.mlp)
        state.formPendingHessian()
        state.advance(steps: 12)
        for (width, height) in [(120, 40), (200, 60), (60, 18)] {
            state = state.after(.input(.resize(width: width, height: height)))
            let text = ScreenRenderer().render(state).plainText()
            XCTAssertTrue(text.contains("val acc"), "\(width)x\(height)")
            XCTAssertTrue(text.contains("Hessian") || text.contains("H at "), "\(width)x\(height)")
            XCTAssertFalse(text.contains("NaN"), "\(width)x\(height)")
        }
        let help = ScreenRenderer().render(state.after(.input(.resize(width: 120, height: 40)), Fixtures.key("?"))).plainText()
        XCTAssertTrue(help.contains("Network"))
        XCTAssertTrue(help.contains("retake the Hessian"), help)
        XCTAssertFalse(help.contains("restart every optimizer from that point"), "surface keys do not apply")
    }

    func testDoublingANetworkLearningRateRetrainsAfterSayingSo() throws {
        var state = try Fixtures.state(Self.mlp)
        state.formPendingHessian()
        state.advance(steps: 15)
        let before = state.allBits
        state = state.after(Fixtures.key("]"))
        XCTAssertTrue(state.hasPendingWork)
        XCTAssertTrue(state.notice?.contains("retraining from step 0 to 15") ?? false)
        XCTAssertEqual(state.allBits, before, "nothing changes before the runner does the work")
        state.performPendingWork()
        XCTAssertFalse(state.hasPendingWork)
        XCTAssertEqual(state.step, 15)
        XCTAssertEqual(state.racer(0).configuration.hyperparameters.learningRate, 0.04, accuracy: 1e-15)
        var edited = try Fixtures.scenario(Self.mlp)
        edited.optimizers[0].configuration.hyperparameters.learningRate = 0.04
        var fresh = try AppState(scenario: edited, width: 120, height: 40, colorMode: .none)
        fresh.advance(steps: 15)
        XCTAssertEqual(state.allBits, fresh.allBits)
    }

    func testARetuneOrResetDropsAHessianTakenOnTheOldRun() throws {
        var state = try Fixtures.state(Self.mlp)
        state.formPendingHessian()
        state.advance(steps: 10)
        state = state.after(Fixtures.key("H"))
        state.formPendingHessian()
        guard case .success? = state.networkHessian else { return XCTFail("no Hessian") }
        state = state.after(Fixtures.key("]"))
        state.performPendingWork()
        XCTAssertNil(state.networkHessian, "the racer's run changed under it")
        state = state.after(Fixtures.key("H"))
        state.formPendingHessian()
        state = state.after(Fixtures.key("r"))
        XCTAssertNil(state.networkHessian, "taken at step 10, shown at step 0")
        XCTAssertTrue(ScreenRenderer().render(state).plainText().contains("press H to form the Hessian"))
    }

    func testTheStatusLineSaysWhenTheMachineCannotKeepUp() throws {
        var state = try Fixtures.state(Self.mlp)
        state.formPendingHessian()
        for _ in 0..<11 { state = state.after(Fixtures.key("+")) }
        state = state.after(Fixtures.key(" "))
        // Ten ticks of 0.15 s: 5000 steps/s asks for 750 each, a network frame takes at most 40.
        for _ in 0..<10 { state = state.after(.tick(seconds: 0.15)) }
        XCTAssertEqual(state.step, 400)
        let status = ScreenRenderer().render(state).plainText().split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(status.contains("267 of 5000 steps/s"), status)
    }

    func testSurfaceKeysAndClicksDoNothingOnANetwork() throws {
        let state = try Fixtures.state(Self.mlp)
        let after = state.after(Fixtures.key("h"), Fixtures.key("z"), Fixtures.key("0"), .input(.mouse(x: 10, y: 10, kind: .click(.primary))))
        XCTAssertEqual(after.step, 0)
        XCTAssertEqual(after.allBits, state.allBits)
        XCTAssertEqual(after.notice, "cannot restart from a point: a network starts from its seeded weights")
    }

    func testLongRunsThinTheirSnapshotsAndStillRewindExactly() throws {
        let scenario = try Fixtures.scenario(Fixtures.rosenbrock)
        let race = try AnyRace(scenario: scenario)
        // A budget of about 8 snapshots, so the spacing has to double several times.
        var timeline = Timeline(race: race, plane: SurfacePlane(problem: scenario.problem),
                                checkpointBudget: race.stateElementCount * 8)
        timeline.forward(4000)
        XCTAssertLessThanOrEqual(timeline.checkpointCount, 8)
        XCTAssertGreaterThan(timeline.checkpointInterval, Timeline.initialCheckpointInterval)
        var reference = Timeline(race: race, plane: SurfacePlane(problem: scenario.problem))
        reference.forward(3000)
        for _ in 0..<1000 { timeline.back() }
        XCTAssertEqual(timeline.step, 3000)
        for i in 0..<race.count {
            XCTAssertEqual(timeline.race.parameterBits(i), reference.race.parameterBits(i))
        }
    }
}
