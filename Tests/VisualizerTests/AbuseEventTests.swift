import Foundation
import Rendering
import Scenarios
import XCTest
@testable import Visualizer

/// The key and resize sequences `tools/tui-abuse.sh` sends to the real binary, applied to the pure
/// update: after every event the state stays usable and the screen renders without NaN or infinity.
final class AbuseEventTests: XCTestCase {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testGeneratorMatchesTheCommittedSequenceTheScriptIsCheckedAgainst() throws {
        let file = Self.repositoryRoot.appendingPathComponent("tools/tui-abuse-events.txt")
        let committed = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
        let generated = AbuseEvents.events(seed: 1, keys: 300, resizes: 20).map(\.line)
        XCTAssertEqual(generated.count, 320)
        XCTAssertEqual(generated, committed)
        XCTAssertEqual(Array(generated.prefix(6)), ["key Tab", "key 8", "key p", "key u", "key b", "key l"])
    }

    func testEveryKeyNameDecodes() {
        for name in AbuseEvents.keyNames {
            XCTAssertNotNil(AbuseEvents.key(named: name), name)
            XCTAssertNotEqual(AbuseEvents.key(named: name), .character("q"))
        }
    }

    func testNonFiniteWordsAreFoundOnlyAsNumbers() {
        XCTAssertEqual(NonFiniteText.first(in: "loss nan  step 3"), "nan")
        XCTAssertEqual(NonFiniteText.first(in: "│-inf┤"), "-inf")
        XCTAssertEqual(NonFiniteText.first(in: "lr 1e-3 → Infinity"), "Infinity")
        XCTAssertNil(NonFiniteText.first(in: "information, finance, nano, diverged at step 12"))
    }

    func testTheScriptsSequenceKeepsEveryInvariantOnBothScenarios() throws {
        // The script's default (CI) sequence, on the scenarios it drives.
        for scenario in ["flagship.toml", "adam-mini-toy.toml"] {
            try drive(scenario: scenario, events: AbuseEvents.events(seed: 1, keys: 300, resizes: 20))
        }
    }

    func testOtherSeedsWithDegenerateSizes() throws {
        for seed: UInt64 in [2, 2024] {
            var events = AbuseEvents.events(seed: seed, keys: 400, resizes: 30)
            // Sizes tmux cannot make but a terminal can report.
            events.insert(.resize(width: 0, height: 0), at: 50)
            events.insert(.resize(width: 120, height: 40), at: 51)
            events.insert(.resize(width: 60, height: 18), at: 200)
            events.insert(.resize(width: 59, height: 18), at: 250)
            for scenario in ["flagship.toml", "noisy-quadratic.toml", "rosenbrock.toml"] {
                try drive(scenario: scenario, events: events, renderEvery: 4)
            }
        }
    }

    func testTheSequenceWithHessianKeysOnANetworkScenario() throws {
        // No picker: it could open the large transformer, whose Hessian takes long in a debug build.
        var events = AbuseEvents.events(seed: 3, keys: 300, resizes: 20).filter { $0.line != "key o" }
        for index in stride(from: 30, to: events.count, by: 50) { events.insert(.key("H"), at: index) }
        try drive(scenario: "mlp-spirals.toml", events: events, renderEvery: 2)
    }

    /// Applies `events` as the session would (ticks in between, effects carried out) and checks
    /// the invariants after each one.
    private func drive(scenario name: String, events: [AbuseEvents.Event], renderEvery: Int = 1) throws {
        let scenarios = Self.repositoryRoot.appendingPathComponent("scenarios").path
        // As the live session does: spectra in the background, so a frame never waits for one.
        let renderer = ScreenRenderer(curvatureMode: .background)
        var state = try AppState(scenario: ScenarioLoader.load(path: scenarios + "/" + name), width: 120, height: 40, colorMode: .direct)
        for (index, event) in events.enumerated() {
            let context = "\(name) event \(index) (\(event.line))"
            switch event {
            case .key(let keyName):
                let key = try XCTUnwrap(AbuseEvents.key(named: keyName), context)
                state.apply(.input(.key(key)))
            case .resize(let width, let height):
                state.apply(.input(.resize(width: width, height: height)))
            }
            // Time passes between keys, as in the real loop at about 60 frames per second.
            if state.running { state.apply(.tick(seconds: 1.0 / 60)) }
            if index % 7 == 0 { state.apply(.input(.tick)) }
            try perform(&state, scenarios: scenarios, context: context)
            // Slow work the runner does after a frame (Hessians, retraining): done here for small networks.
            if state.hasPendingWork, (state.timeline.race.networkRace?.problem.layout.count ?? 0) <= 400 {
                state.performPendingWork()
            }
            checkInvariants(state, context: context)
            if index % renderEvery == 0 { checkScreen(renderer.render(state), state: state, context: context) }
        }
    }

    /// What `TUISession` does with effects, with the exports checked instead of written.
    private func perform(_ state: inout AppState, scenarios: String, context: String) throws {
        let effects = state.effects
        state.effects.removeAll()
        for effect in effects {
            switch effect {
            case .quit:
                XCTFail("\(context): no key of the sequence quits")
            case .listScenarios:
                let entries = ScenarioDirectory.files(in: scenarios).map { PickerEntry(path: $0, name: $0, detail: "", isBroken: false) }
                state.apply(.scenariosListed(entries))
            case .load(let path):
                let scenario = try ScenarioLoader.load(path: path)
                state = try AppState(scenario: scenario, width: state.width, height: state.height, colorMode: state.colorMode)
            case .exportTrajectories:
                var lines = 0
                state.trajectoryCSV { lines += $0.utf8.count(where: { $0 == UInt8(ascii: "\n") }) }
                XCTAssertGreaterThan(lines, 1, "\(context): a header and the rows of step 0 at least")
            case .writeScenario:
                XCTAssertNoThrow(try ScenarioLoader.parse(text: state.retunedScenarioTOML, file: "retuned.toml"),
                                 "\(context): a written scenario loads again")
            case .toggleRecording:
                state.apply(.recording(!state.isRecording))
            }
        }
    }

    private func checkInvariants(_ state: AppState, context: String) {
        XCTAssertGreaterThan(state.optimizerCount, 0, context)
        XCTAssertTrue((0..<state.optimizerCount).contains(state.selected), "\(context): selected \(state.selected)")
        XCTAssertTrue(state.hidden.allSatisfy { (0..<state.optimizerCount).contains($0) }, context)
        let viewport = state.viewport
        for bound in [viewport.xMin, viewport.xMax, viewport.yMin, viewport.yMax, viewport.width, viewport.height] {
            XCTAssertTrue(bound.isFinite, "\(context): viewport \(viewport)")
        }
        XCTAssertGreaterThan(viewport.width, 0, context)
        XCTAssertGreaterThan(viewport.height, 0, context)
        XCTAssertGreaterThanOrEqual(state.width, 0, context)
        XCTAssertGreaterThanOrEqual(state.height, 0, context)
        let layout = state.layout
        let screen = Rect(x: 0, y: 0, width: state.width, height: state.height)
        let panels = [("main", layout.main), ("legend", layout.legend), ("status", layout.status)]
            + layout.side.map { ($0.view.rawValue, $0.rect) }
        for (panel, rect) in panels {
            XCTAssertTrue(rect.width >= 0 && rect.height >= 0, "\(context): \(panel) \(rect)")
            guard !layout.isTooSmall else { continue }
            XCTAssertTrue(rect.x >= 0 && rect.y >= 0 && rect.maxX <= screen.maxX && rect.maxY <= screen.maxY,
                          "\(context): \(panel) \(rect) outside \(screen)")
        }
    }

    private func checkScreen(_ canvas: Canvas, state: AppState, context: String) {
        XCTAssertEqual(canvas.width, state.width, context)
        XCTAssertEqual(canvas.height, state.height, context)
        let text = canvas.plainText()
        if let bad = NonFiniteText.first(in: text) {
            XCTFail("\(context): the screen shows '\(bad)':\n\(text)")
        }
        if !state.layout.isTooSmall {
            XCTAssertTrue(text.contains("step \(state.step) "), "\(context): the status line shows the step")
        }
    }
}
