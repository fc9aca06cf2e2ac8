import ArgumentParser
import Foundation
import Rendering
import Scenarios
import Visualizer

/// `descent record`: the race as the visualizer's running mode shows it, as an asciicast v2 file.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record the race as an asciicast v2 file (asciinema), without a terminal.",
        discussion: """
        Frames are the visualizer's screen in running mode from step 0 to --steps, taken --fps \
        times per second of a race at --steps-per-second; each frame holds only the cells that \
        changed, and identical frames are skipped. The race pauses at the last step, so the last \
        frame is the screen `descent render FILE --steps N` prints. Colours: 24-bit when COLORTERM \
        is truecolor, else 256 colours, none under NO_COLOR. Play with `asciinema play FILE.cast`, \
        make a GIF with `agg FILE.cast FILE.gif`.
        """
    )

    @Argument(help: "A scenario .toml file.")
    var file: String

    @Option(name: .shortAndLong, help: "The .cast file to write.")
    var output: String

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    @Option(parsing: .unconditional, help: "Last step (default: the scenario's [run] steps).")
    var steps: Int?

    @Option(parsing: .unconditional, help: "Screen width in cells (\(ScreenLayout.minimumWidth) to \(ScreenSize.maximum)).")
    var width = 120

    @Option(parsing: .unconditional, help: "Screen height in cells (\(ScreenLayout.minimumHeight) to \(ScreenSize.maximum)).")
    var height = 40

    @Option(parsing: .unconditional, help: "Frames per second of the recording (1 to 60).")
    var fps = 15

    @Option(name: .customLong("steps-per-second"), parsing: .unconditional,
            help: "Speed of the race, one of the visualizer's speeds: \(RecordCommand.speedList) (default: \(Int(SpeedSetting.stepsPerSecond[SpeedSetting.defaultIndex]))).")
    var stepsPerSecond: Int?

    @OptionGroup var view: ViewOption

    /// The longest recording, in seconds of playback.
    static let longestRecording = 3600.0

    private static var speedList: String { SpeedSetting.stepsPerSecond.map { String(Int($0)) }.joined(separator: ", ") }

    func validate() throws {
        if let steps, !(0...RunSettings.maximumSteps).contains(steps) {
            throw ValidationError("--steps \(steps) is out of range; give 0 to \(RunSettings.maximumSteps)")
        }
        try ScreenSize.validate(width: width, height: height)
        guard (1...60).contains(fps) else { throw ValidationError("--fps \(fps) is out of range; give 1 to 60") }
        if let stepsPerSecond, speedIndex(stepsPerSecond) == nil {
            throw ValidationError("--steps-per-second \(stepsPerSecond) is not a speed of the visualizer; give one of \(Self.speedList)")
        }
    }

    private func speedIndex(_ speed: Int) -> Int? {
        SpeedSetting.stepsPerSecond.firstIndex(of: Double(speed))
    }

    func run() throws {
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(path: file)
        } catch {
            throw fail(error)
        }
        let last = steps ?? scenario.settings.steps
        let speed = stepsPerSecond ?? Int(SpeedSetting.stepsPerSecond[SpeedSetting.defaultIndex])
        // A recording nobody would watch must not keep the machine busy for days.
        let seconds = Double(last) / Double(speed)
        guard seconds <= Self.longestRecording else {
            throw fail("\(last) steps at \(speed) steps/s make a recording of \(Int(seconds)) s; the longest is \(Int(Self.longestRecording)) s: raise --steps-per-second or lower --steps")
        }
        let sink: OutputFile
        do {
            sink = try OutputFile(.file(path: output, overwrite: force))
        } catch {
            throw fail("--output: \(ForceHint.message(error))")
        }
        let mode = ColorMode.forFiles
        var state: AppState
        do {
            state = try AppState(scenario: scenario, width: width, height: height, colorMode: mode)
        } catch {
            throw fail("\(file): \(error)")
        }
        try view.apply(to: &state, file: file)
        let header = AsciicastWriter.Header(width: width, height: height, title: scenario.name,
                                            term: mode == .direct ? "xterm-direct" : "xterm-256color",
                                            shell: AsciicastWriter.environment(term: "").shell)
        let writer = AsciicastWriter(sink: sink, header: header, mode: mode)
        record(&state, to: writer, lastStep: last, speed: speed)
        do {
            try writer.finish()
        } catch {
            throw fail("--output: \(ForceHint.message(error))")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        print("\(output): \(writer.frames) frames, \(String(format: "%.1f", writer.duration)) s, \(width)x\(height), \(Formatting.bytes(size))")
    }

    /// Frame k shows the race after k·S/F steps (what running mode takes in k/F seconds); the
    /// frame that reaches the last step shows it paused, with a network's Hessian taken there.
    private func record(_ state: inout AppState, to writer: AsciicastWriter, lastStep: Int, speed: Int) {
        let target = speedIndex(speed) ?? SpeedSetting.defaultIndex
        while state.speedIndex < target { state.apply(.input(.key(.character("+")))) }
        while state.speedIndex > target { state.apply(.input(.key(.character("-")))) }
        // The Hessian a network shows from the start (the session forms it after its first frame).
        state.performPendingWork()
        state.apply(.input(.key(.character(" "))))
        let renderer = ScreenRenderer()
        var frame = 0
        while true {
            let step = min(lastStep, frame * speed / fps)
            state.advance(steps: step - state.step)
            let reachedEnd = step >= lastStep
            if reachedEnd {
                state.apply(.input(.key(.character(" "))))
                if state.plane == nil {
                    state.apply(.input(.key(.character("H"))))
                    state.performPendingWork()
                }
            }
            writer.add(renderer.render(state), at: Double(frame) / Double(fps))
            if reachedEnd { return }
            frame += 1
        }
    }
}
