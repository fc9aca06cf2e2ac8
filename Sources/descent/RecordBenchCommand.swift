import ArgumentParser
import Foundation
import Rendering
import Scenarios
import Visualizer

/// `descent bench-record` (hidden): what recording the session (`R`) adds to a frame.
struct RecordBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-record",
        abstract: "Measure the frame time with and without recording (build with -c release).",
        shouldDisplay: false
    )

    @Argument(help: "A scenario .toml file (default: scenarios/flagship.toml).")
    var file: String?

    @Option(help: "Frames to measure per size.")
    var frames = 600

    func run() throws {
        let path = file ?? ((ScenarioDirectory.locate() ?? "scenarios") as NSString).appendingPathComponent(ScenarioDirectory.flagship)
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(path: path)
        } catch {
            throw fail(error)
        }
        let folder = NSTemporaryDirectory() + "descent-bench-record-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        print("\(scenario.name): running at 5000 steps/s, 60 frames/s, 256 colours, \(frames) frames per size")
        for (width, height) in [(120, 40), (160, 48), (240, 70)] {
            let plain = try measure(scenario, width: width, height: height, recordingIn: nil)
            let recorded = try measure(scenario, width: width, height: height, recordingIn: folder)
            let casts = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            let bytes = casts.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: folder + "/" + $1)[.size] as? Int) ?? 0) }
            for cast in casts { try? FileManager.default.removeItem(atPath: folder + "/" + cast) }
            print(String(format: "  %dx%d: frame %.2f ms median (%.2f ms slowest); recording adds %.3f ms median (%.3f ms slowest), %@ per second of recording",
                         width, height, plain.median, plain.worst, recorded.median, recorded.worst,
                         Formatting.bytes(bytes * 60 / frames)))
        }
    }

    /// Median and slowest milliseconds of a running-mode frame (advance and render), or, with
    /// a folder, of capturing the rendered frame into a live recording there.
    private func measure(_ scenario: Scenario, width: Int, height: Int, recordingIn folder: String?) throws -> (median: Double, worst: Double) {
        var state = try AppState(scenario: scenario, width: width, height: height, colorMode: .palette256)
        state.apply(.input(.key(.character(" "))))
        for _ in 0..<12 { state.apply(.input(.key(.character("+")))) }
        let recording = try folder.map { try LiveRecording(directory: $0, width: width, height: height, mode: .palette256, title: scenario.name) }
        let renderer = ScreenRenderer()
        var samples: [Double] = []
        for _ in 0..<frames {
            var start = DispatchTime.now().uptimeNanoseconds
            state.apply(.tick(seconds: 1.0 / 60))
            let canvas = renderer.render(state)
            if let recording {
                start = DispatchTime.now().uptimeNanoseconds
                recording.capture(canvas)
            }
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        _ = try recording?.finish()
        samples.sort()
        return (samples[samples.count / 2], samples.last ?? .nan)
    }
}
