import Foundation
import Rendering
import Scenarios

/// Measures the interactive view's frame costs, with figures printed by `descent bench-ui`.
public enum UIBenchmark {
    /// One line of results.
    public struct Figure: Sendable {
        /// What was measured.
        public var name: String
        /// Median milliseconds.
        public var median: Double
        /// Slowest run, milliseconds.
        public var worst: Double
    }

    /// Frame figures for `scenario` at `width` x `height` with `view` in the main panel (default:
    /// the problem's first): a frame where only paths changed (the cached heatmap reused), a frame
    /// after a pan (heatmap recomputed), and running mode. Spectra are worked out in the
    /// background, as in a live session; running mode also says how many steps had one.
    public static func measure(scenario: Scenario, width: Int, height: Int, view: PanelView? = nil,
                               repetitions: Int = 40) throws -> [Figure] {
        var state = try AppState(scenario: scenario, width: width, height: height, colorMode: .palette256)
        if let view { state.show(view) }
        let renderer = ScreenRenderer(curvatureMode: .background)
        state.advance(steps: 200)
        _ = renderer.render(state)
        var figures: [Figure] = []
        figures.append(time("frame, paths changed (\(width)x\(height))", repetitions) {
            state.apply(.input(.key(.character("n"))))
            _ = renderer.render(state)
        })
        var pans = 0
        figures.append(time("frame after pan/zoom, heatmap recomputed (\(width)x\(height))", repetitions) {
            state.apply(.input(.key(.character(pans % 2 == 0 ? "l" : "z"))))
            pans += 1
            _ = renderer.render(state)
        })
        // Running mode at 5000 steps/s and 60 frames/s: each frame advances and redraws.
        state.apply(.input(.key(.character(" "))))
        for _ in 0..<12 { state.apply(.input(.key(.character("+")))) }
        let before = state.step
        let start = DispatchTime.now().uptimeNanoseconds
        var frames = 0
        var analysed = Set<Int>()
        while DispatchTime.now().uptimeNanoseconds - start < 1_000_000_000 {
            state.apply(.tick(seconds: 1.0 / 60))
            _ = renderer.render(state)
            if let result = renderer.curvature.result(for: state) { analysed.insert(result.step) }
            frames += 1
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let rate = Double(state.step - before) / seconds
        figures.append(Figure(name: "running: \(Int(rate)) steps/s on screen, \(Int(Double(frames) / seconds)) frames/s, \(state.optimizerCount) optimizers, spectra of \(analysed.count) of \(frames) frames' steps",
                              median: seconds * 1000 / Double(frames), worst: .nan))
        return figures
    }

    private static func time(_ name: String, _ repetitions: Int, _ body: () -> Void) -> Figure {
        var samples: [Double] = []
        for _ in 0..<repetitions {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        samples.sort()
        return Figure(name: name, median: samples[samples.count / 2], worst: samples.last ?? .nan)
    }
}
