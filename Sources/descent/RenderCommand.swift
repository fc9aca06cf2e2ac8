import ArgumentParser
import Foundation
import Rendering
import Scenarios
import Visualizer

/// `descent render`: the screen the visualizer would show after N steps, as text.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print the screen the visualizer would show after N steps, as text or an SVG image.",
        discussion: """
        Plain text shades the surface with glyphs (as the visualizer does under NO_COLOR); --ansi \
        adds colours as escape sequences (24-bit when COLORTERM is truecolor, else 256 colours). \
        --svg writes a standalone SVG image in the same colours (monochrome under NO_COLOR).
        """
    )

    @Argument(help: "A scenario .toml file.")
    var file: String

    @Option(parsing: .unconditional, help: "Steps to take first (default: the scenario's [run] steps).")
    var steps: Int?

    @Option(parsing: .unconditional, help: "Screen width in cells (\(ScreenLayout.minimumWidth) to 1000).")
    var width = 120

    @Option(parsing: .unconditional, help: "Screen height in cells (\(ScreenLayout.minimumHeight) to 1000).")
    var height = 40

    @Flag(help: "Colour the output with ANSI escape sequences.")
    var ansi = false

    @OptionGroup var view: ViewOption

    @Option(name: .customLong("hessian-scale"), parsing: .unconditional, help: "Hessian colours: \(SignedScaleKind.allCases.map(\.rawValue).joined(separator: ", ")) (default symlog).")
    var hessianScale: String?

    @Option(name: .customLong("hessian-tensor"), parsing: .unconditional, help: "A network's Hessian panel shows this tensor's diagonal block: its label, name or 1-based position (default: the tensor-block matrix).")
    var hessianTensor: String?

    @Flag(help: "Write the screen as an SVG image.")
    var svg = false

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func validate() throws {
        if let hessianScale, SignedScaleKind(rawValue: hessianScale) == nil {
            throw ValidationError("--hessian-scale \(hessianScale) is not a scale; give one of \(SignedScaleKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let steps, !(0...1_000_000).contains(steps) {
            throw ValidationError("--steps \(steps) is out of range; give 0 to 1000000")
        }
        try ScreenSize.validate(width: width, height: height)
        if svg && ansi { throw ValidationError("--svg and --ansi cannot be combined: the image has its own colours") }
    }

    func run() throws {
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(path: file)
        } catch {
            throw fail(error)
        }
        let sink: OutputFile
        do {
            sink = try OutputFile(output.map { .file(path: $0, overwrite: force) } ?? .standardOutput)
        } catch {
            throw fail("--output: \(ForceHint.message(error))")
        }
        let mode: ColorMode
        if svg {
            mode = .forFiles
        } else if ansi {
            let environment = ColorMode(environment: ProcessInfo.processInfo.environment)
            mode = environment == .direct ? .direct : .palette256
        } else {
            mode = .none
        }
        var state: AppState
        do {
            state = try AppState(scenario: scenario, width: width, height: height, colorMode: mode)
        } catch {
            throw fail("\(file): \(error)")
        }
        try view.apply(to: &state, file: file)
        if let hessianTensor, !state.showHessianTensor(hessianTensor) {
            let labels = state.hessianTensorLabels
            let valid = labels.isEmpty ? "this problem is not a network" : "give 1 to \(labels.count) or one of \(labels.joined(separator: ", "))"
            throw fail("\(file): --hessian-tensor \(hessianTensor) is not a tensor; \(valid)")
        }
        if let hessianScale, let scale = SignedScaleKind(rawValue: hessianScale) { state.setHessianScale(scale) }
        let renderer = ScreenRenderer()
        // The sharpness chart shows the steps that were on screen: as if the run had been watched,
        // analyse a few hundred steps on the way.
        let total = steps ?? scenario.settings.steps
        let samples = min(total, 240)
        var done = 0
        renderer.curvature.observe(state)
        for sample in stride(from: 1, through: samples, by: 1) {
            let target = total * sample / samples
            state.advance(steps: target - done)
            done = target
            renderer.curvature.observe(state)
        }
        state.advance(steps: total - done)
        // A network's Hessian panel shows the Hessian at the last step rendered.
        state.formPendingHessian()
        let canvas = renderer.render(state)
        if svg {
            sink.write(canvas.svg(mode: mode, title: "\(scenario.name) · step \(state.step)"))
        } else {
            sink.write((ansi ? canvas.ansiText(mode: mode) : canvas.plainText()) + "\n")
        }
        do {
            try sink.finish()
        } catch {
            throw fail("--output: \(ForceHint.message(error))")
        }
    }
}
