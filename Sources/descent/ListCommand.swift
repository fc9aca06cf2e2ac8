import Foundation
import ArgumentParser
import Objectives
import OptimizerCore
import Scenarios

/// `descent list`: the surfaces, optimizers and shipped scenarios.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List surfaces (box, start, minima), optimizers (hyperparameters, defaults) and scenarios."
    )

    func run() throws {
        print("Surfaces ([problem] type = NAME):")
        for name in Surface.names {
            guard let surface = try? Surface.named(name) else { continue }
            let box = surface.viewBox
            let minima = surface.minima.isEmpty ? "none known" : surface.minima.map { "(\(format($0[0])), \(format($0[1])))" }.joined(separator: " ")
            let fmin = surface.minimumValue.map { " f=\(format($0))" } ?? ""
            print("  \(pad(name, 17)) x[\(format(box.x.lowerBound)), \(format(box.x.upperBound))] y[\(format(box.y.lowerBound)), \(format(box.y.upperBound))]  start (\(format(surface.defaultStart[0])), \(format(surface.defaultStart[1])))  minima \(minima)\(fmin)")
            if !surface.parameters.isEmpty {
                print("  \(pad("", 17)) parameters: " + surface.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\(format($0.value))" }.joined(separator: ", "))
            }
        }
        print("  \(pad("expression", 17)) f = \"formula in x and y\" (+ - * / ^, sin cos tan exp log sqrt abs tanh sinh cosh, pi, e)")
        print("  \(pad("quadratic", 17)) 1/2 (x - x*)^T H (x - x*): hessian = [[...]] or blocks = [{ size, condition } | { eigenvalues }]")
        print("")
        print("Networks ([problem] type = NAME; trained in minibatches, every optimizer from the same weights):")
        print("  \(pad("transformer", 17)) Llama-style decoder: task = \"modadd\" (a + b mod p) or \"text\" (characters of a file); dim, layers, heads, kv_heads, hidden, context")
        print("  \(pad("mlp", 17)) classifier: task = \"spirals\", \"blobs\" or \"modadd\"; hidden = [widths], activation = tanh | relu | gelu")
        print("  \(pad("", 17)) both: batch, clip (default 5), eval_every; README's table lists every key")
        print("")
        optimizerLines(OptimizerRegistry.standard).forEach { print($0) }
        print("")
        print("Schedules ([[optimizer]] schedule = NAME; the lr is the base rate):")
        print("  \(pad("constant", 14)) the base rate throughout")
        print("  \(pad("step", 14)) x gamma every step_size steps (defaults 30, 0.1), as torch's StepLR")
        print("  \(pad("cosine", 14)) cosine from the base rate to min_lr (default 0) over period steps (default [run] steps), then HOLDS min_lr (torch's CosineAnnealingLR climbs back after period)")
        print("  \(pad("warmup-cosine", 14)) linear from start_factor x lr (default \(format(LearningRateSchedule.defaultStartFactor)), in (0, 1]) over warmup steps (default period/10), cosine to min_lr at step period, then holds it")
        print("")
        guard let directory = ScenarioDirectory.locate() else {
            print("Scenarios: no scenarios/ folder found (run descent from the repository root).")
            return
        }
        print("Scenarios (\(directory)/):")
        for path in ScenarioDirectory.files(in: directory) {
            let name = (path as NSString).lastPathComponent
            switch Result(catching: { try ScenarioLoader.load(path: path) }) {
            case .success(let scenario):
                let claims = scenario.claims.count == 1 ? "1 claim" : "\(scenario.claims.count) claims"
                print("  \(pad(name, 28)) \(scenario.name) (\(claims)): \(scenario.description.split(separator: "\n").first ?? "")")
            case .failure(let error):
                print("  \(pad(name, 28)) (invalid: \(error))")
            }
        }
    }

    /// The optimizers section: every kind of `registry` with its hyperparameters and defaults.
    func optimizerLines(_ registry: OptimizerRegistry) -> [String] {
        var lines = ["Optimizers ([[optimizer]] type = NAME; hyperparameters under torch's names):"]
        for kind in registry.kinds {
            lines.append("  \(pad(kind.rawValue, 10)) \(kind.summary)")
            let defaults = kind.defaultHyperparameters
            for descriptor in kind.descriptors {
                let value = defaults.value(named: descriptor.name) ?? descriptor.defaultValue
                lines.append("  \(pad("", 10))   \(pad(descriptor.name, 26)) default \(pad(value.description, 12)) \(descriptor.validRange): \(descriptor.summary)")
            }
            if kind.partition?.usesNameRules == true {
                lines.append("  \(pad("", 10))   \(pad("partition", 26)) default per problem: \"tensor\" on surfaces, \"blocks\" on quadratics, \"official\" on networks; also \"official\" (with dim, n_heads, n_kv_heads), \"coordinate\", or [sizes]")
            }
        }
        return lines
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private func format(_ x: Double) -> String {
        String(format: "%.6g", x)
    }
}
