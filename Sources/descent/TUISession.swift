import CursesBackend
import Foundation
import OptimizerCore
import Rendering
import Scenarios
import Visualizer

/// The interactive loop: draw the state, wait for input or the next frame, update, carry out effects.
struct TUISession {
    /// Frame interval while running (about 60 frames per second).
    static let runningTimeoutMilliseconds = 16
    /// Wait while paused; long, since nothing changes without input.
    static let pausedTimeoutMilliseconds = 1000

    private let terminal: Terminal
    private let renderer = ScreenRenderer(curvatureMode: .background)
    private var state: AppState
    /// The recording of this session, while `R` has one running.
    private var recording: LiveRecording?

    init(terminal: Terminal, scenario: Scenario) throws {
        self.terminal = terminal
        let size = terminal.size
        do {
            state = try AppState(scenario: scenario, width: size.width, height: size.height, colorMode: terminal.colorMode)
        } catch {
            terminal.stop()
            throw fail("\(scenario.file ?? scenario.name): \(error)")
        }
    }

    /// How a session ended.
    enum Ending {
        /// `q` (or the scenario picker's quit).
        case quit
        /// Ctrl-C while recording: the recording was saved first.
        case interrupted
    }

    /// Draws, reads input and carries out effects until the user quits.
    mutating func run() -> Ending {
        var last = DispatchTime.now().uptimeNanoseconds
        while true {
            if terminal.interruptRequested {
                saveRecordingAtExit()
                return .interrupted
            }
            show(renderer.render(state))
            if state.hasPendingWork {
                // The frame just drawn says what is being computed.
                state.performPendingWork()
                continue
            }
            // A spectrum being worked out in the background is drawn as soon as it is ready.
            let timeout = state.running || renderer.isBusy ? Self.runningTimeoutMilliseconds : Self.pausedTimeoutMilliseconds
            let event = terminal.nextEvent(timeoutMilliseconds: timeout)
            let now = DispatchTime.now().uptimeNanoseconds
            let elapsed = Double(now - last) / 1e9
            last = now
            if state.running { state.apply(.tick(seconds: elapsed)) }
            if event != .tick { state.apply(.input(event)) }
            let effects = state.effects
            state.effects.removeAll()
            for effect in effects {
                if !perform(effect) {
                    saveRecordingAtExit()
                    return .quit
                }
            }
        }
    }

    /// Draws a frame, and records it when recording.
    private func show(_ canvas: Canvas) {
        terminal.draw(canvas)
        recording?.capture(canvas)
    }

    /// Carries out one effect; returns false when the session should end.
    private mutating func perform(_ effect: AppEffect) -> Bool {
        switch effect {
        case .quit:
            return false
        case .listScenarios:
            state.apply(.scenariosListed(SessionFiles.listScenarios(directory: ScenarioDirectory.locate())))
        case .load(let path):
            do {
                let scenario = try ScenarioLoader.load(path: path)
                state = try AppState(scenario: scenario, width: state.width, height: state.height, colorMode: state.colorMode)
                state.apply(.recording(recording != nil))
                state.apply(.notice("opened \(path)"))
            } catch {
                state.apply(.notice("cannot open \(path): \(error)"))
            }
        case .exportTrajectories:
            // Exporting replays the run from step 0: say so on screen first.
            state.apply(.notice("writing the trajectories to step \(state.step)…"))
            show(renderer.render(state))
            do {
                let path = try SessionFiles.exportTrajectories(state)
                state.apply(.notice("trajectories to step \(state.step) written to \(Self.fullPath(path))"))
            } catch {
                state.apply(.notice("export failed: \(error.description)"))
            }
        case .writeScenario:
            do {
                let path = try SessionFiles.writeScenario(state)
                state.apply(.notice("scenario with current learning rates and start written to \(Self.fullPath(path))"))
            } catch {
                state.apply(.notice("write failed: \(error.description)"))
            }
        case .toggleRecording:
            toggleRecording()
        }
        return true
    }

    /// Starts recording to the next free `descent-N.cast`, or stops and says where it went.
    private mutating func toggleRecording() {
        if let recording {
            self.recording = nil
            terminal.defersInterrupt = false
            state.apply(.recording(false))
            do {
                state.apply(.notice("recording saved: \(try recording.finish())"))
            } catch {
                state.apply(.notice("recording not saved: \(error.description)"))
            }
            return
        }
        do {
            let recording = try LiveRecording(directory: FileManager.default.currentDirectoryPath, width: state.width,
                                              height: state.height, mode: state.colorMode, title: state.scenario.name)
            self.recording = recording
            // Ctrl-C now saves the recording before the program ends.
            terminal.defersInterrupt = true
            state.apply(.recording(true))
            state.apply(.notice("recording to \(recording.path) · R stops"))
        } catch {
            state.apply(.notice("cannot record: \(error.description)"))
        }
    }

    /// Quitting while recording saves the recording; the path is said once the screen is back.
    private mutating func saveRecordingAtExit() {
        guard let recording else { return }
        self.recording = nil
        let message: String
        do {
            message = "descent: recording saved: \(try recording.finish())\n"
        } catch {
            message = "descent: recording not saved: \(error.description)\n"
        }
        terminal.stop()
        FileHandle.standardError.write(Data(message.utf8))
    }

    /// The absolute path of a file written relative to the working directory, so the notice
    /// says where it is whatever folder the user opens next.
    static func fullPath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
