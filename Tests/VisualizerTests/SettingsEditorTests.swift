import Rendering
import Scenarios
import XCTest
@testable import Visualizer

/// `:` edits the selected optimizer's hyperparameters in the status line, validated as a
/// scenario file would be; `{` and `}` retune by a quarter of a decade.
final class SettingsEditorTests: XCTestCase {
    private func type(_ text: String, into state: AppState) -> AppState {
        text.reduce(state) { AppState.update($0, Fixtures.key($1)) }
    }

    private func statusLine(_ state: AppState) -> String {
        String(ScreenRenderer().render(state).plainText().split(separator: "\n").last ?? "")
    }

    func testTypedSettingsRetuneTheSelectedOptimizer() throws {
        var state = try Fixtures.state(Fixtures.rosenbrock, width: 160, height: 48).after(Fixtures.key(.tab))
        state.advance(steps: 10)
        state = state.after(Fixtures.key(":"))
        XCTAssertEqual(state.settingsEditor, "lr=0.05 betas=[0.9,0.999] eps=1e-08 weight_decay=0.0 amsgrad=false")
        XCTAssertTrue(statusLine(state).contains("adam: lr=0.05"), statusLine(state))
        // Clear the line and type new settings.
        state = state.after(Fixtures.key(.control("u")))
        state = type("lr=0.1 betas=[0.8, 0.99]", into: state).after(Fixtures.key(.enter))
        XCTAssertNil(state.settingsEditor)
        XCTAssertEqual(state.racer(1).configuration.hyperparameters.learningRate, 0.1, accuracy: 1e-15)
        XCTAssertEqual(state.step, 10)
        var reference = try Fixtures.state(Fixtures.rosenbrock.replacingOccurrences(of: "type = \"adam\"\nlr = 0.05", with: "type = \"adam\"\nlr = 0.1\nbetas = [0.8, 0.99]"))
        reference.advance(steps: 10)
        XCTAssertEqual(state.allBits, reference.allBits)
    }

    func testErrorsStayInTheLine() throws {
        var state = try Fixtures.state(Fixtures.rosenbrock, width: 160, height: 48).after(Fixtures.key(":"), Fixtures.key(.control("u")))
        state = type("lr=0.1 momentun=0.9", into: state).after(Fixtures.key(.enter))
        XCTAssertEqual(state.settingsEditor, "lr=0.1 momentun=0.9")
        XCTAssertTrue(state.notice?.contains("✗ momentun: gd has no hyperparameter 'momentun' (did you mean 'momentum'?)") ?? false, state.notice ?? "")
        XCTAssertEqual(state.racer(0).configuration.hyperparameters.learningRate, 0.001, accuracy: 1e-15)
        state = state.after(Fixtures.key(.control("u")))
        state = type("lr=-1", into: state).after(Fixtures.key(.enter))
        XCTAssertTrue(state.notice?.contains("✗ lr:") ?? false, state.notice ?? "")
        state = state.after(Fixtures.key(.escape))
        XCTAssertNil(state.settingsEditor)
        XCTAssertEqual(state.racer(0).configuration.hyperparameters.learningRate, 0.001, accuracy: 1e-15)
        // Keys go to the editor while it is open: q types a q instead of quitting.
        state = state.after(Fixtures.key(":"), Fixtures.key("q"))
        XCTAssertTrue(state.effects.isEmpty)
        XCTAssertTrue(state.settingsEditor?.hasSuffix("q") ?? false)
    }

    func testFineSteps() throws {
        var state = try Fixtures.state(Fixtures.rosenbrock)
        state = state.after(Fixtures.key("}"), Fixtures.key("}"), Fixtures.key("}"), Fixtures.key("}"))
        XCTAssertEqual(state.racer(0).configuration.hyperparameters.learningRate, 0.01, accuracy: 1e-15)
        state = state.after(Fixtures.key("{"), Fixtures.key("{"))
        XCTAssertEqual(state.racer(0).configuration.hyperparameters.learningRate, 0.01 / 10.0.squareRoot(), accuracy: 1e-15)
    }

    func testParserChecksLikeAScenarioFile() throws {
        let adam = try ScenarioLoader.parse(text: Fixtures.rosenbrock, file: "t.toml").optimizers[1].configuration
        XCTAssertThrowsError(try RetuneParser.configuration(from: "betas=[0.9, 1.5]", current: adam)) { error in
            XCTAssertEqual((error as? ScenarioError)?.keyPath, "betas")
        }
        XCTAssertThrowsError(try RetuneParser.configuration(from: "lr", current: adam))
        XCTAssertThrowsError(try RetuneParser.configuration(from: "lr=abc", current: adam))
        XCTAssertThrowsError(try RetuneParser.configuration(from: "lr=inf", current: adam))
        XCTAssertThrowsError(try RetuneParser.configuration(from: "", current: adam))
        let tuned = try RetuneParser.configuration(from: "lr=3e-2 amsgrad=true", current: adam)
        XCTAssertEqual(tuned.hyperparameters.learningRate, 0.03, accuracy: 1e-15)
        XCTAssertEqual(RetuneParser.line(for: tuned), "lr=0.03 betas=[0.9,0.999] eps=1e-08 weight_decay=0.0 amsgrad=true")
    }
}
