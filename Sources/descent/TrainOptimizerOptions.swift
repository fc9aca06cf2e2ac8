import ArgumentParser
import Foundation
import OptimizerCore

/// Optimizer flags, mapped to torch hyperparameter names through `OptimizerConfiguration.set`.
struct TrainOptimizerOptions: ParsableArguments {
    @Option(help: "Optimizer: \(OptimizerRegistry.standard.trainableKinds.map(\.rawValue).joined(separator: ", ")).")
    var optimizer: String = "adamw"

    @Option(parsing: .unconditional, help: "Base learning rate (default 3e-3 for the Adam family, AdaGrad and RMSprop; 0.1 for the SGD family).")
    var lr: Double?

    @Option(help: "Adam betas as two comma-separated numbers, e.g. 0.9,0.98.")
    var betas: String?

    @Option(parsing: .unconditional, help: "Epsilon added to the denominator.")
    var eps: Double?

    @Option(parsing: .unconditional, help: "SGD momentum.")
    var momentum: Double?

    @Option(name: .customLong("weight-decay"), parsing: .unconditional, help: "Weight decay (decoupled for adamw and adam-mini; default 1 for those on modadd, where it drives generalisation, else the optimizer's torch default).")
    var weightDecay: Double?

    @Option(name: .customLong("set"), help: "Any other hyperparameter by its torch name, e.g. --set nesterov=true (repeatable).")
    var extra: [String] = []

    /// The optimizer kinds named by a flag value, with a suggestion for a misspelt one.
    static func kind(named name: String, registry: OptimizerRegistry = .standard) throws(TrainFlagError) -> OptimizerKind {
        let trimmed = name.trimmingCharacters(in: .whitespaces).lowercased()
        let names = registry.trainableKinds.map(\.rawValue)
        if let kind = registry.kind(named: trimmed) {
            guard kind.needsHessian else { return kind }
            throw TrainFlagError(message: "\(kind) needs a fixed Hessian and cannot train a network; choose one of \(names.joined(separator: ", "))")
        }
        let hint = NearestName.hint(trimmed, in: names)
        throw TrainFlagError(message: "unknown optimizer '\(name)'\(hint); choose one of \(names.joined(separator: ", "))")
    }

    /// The configuration for `kind` with every given flag applied by torch name.
    ///
    /// When several optimizers are compared (`strict` false), a convenience flag that one of them
    /// lacks (--momentum for adamw) is skipped for that one; --set is always applied.
    ///
    /// `decoupledDecay` is the weight decay used by optimizers with decoupled decay (adamw,
    /// adam-mini) when --weight-decay is not given (nil keeps torch's default).
    func configuration(for kind: OptimizerKind, strict: Bool = true, decoupledDecay: Double? = nil) throws(TrainFlagError) -> OptimizerConfiguration {
        var configuration = OptimizerConfiguration(kind: kind)
        // Fixed-rate methods (the SGD family) take a larger default rate than adaptive ones.
        var settings: [(String, HyperValue)] = [("lr", .real(lr ?? (kind.adaptsStepSizes ? 3e-3 : 0.1)))]
        if weightDecay == nil, let decoupledDecay, case .decoupled = kind.defaultHyperparameters.weightDecay {
            settings.append(("weight_decay", .real(decoupledDecay)))
        }
        if let betas {
            let parts = betas.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2 else {
                throw TrainFlagError(message: "--betas \(betas): give two comma-separated numbers, e.g. 0.9,0.999")
            }
            settings.append(("betas", .pair(parts[0], parts[1])))
        }
        if let eps { settings.append(("eps", .real(eps))) }
        if let momentum { settings.append(("momentum", .real(momentum))) }
        if let weightDecay { settings.append(("weight_decay", .real(weightDecay))) }
        let known = Set(kind.descriptors.map(\.name))
        if !strict { settings.removeAll { !known.contains($0.0) } }
        for assignment in extra {
            let parts = assignment.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else {
                throw TrainFlagError(message: "--set \(assignment): write name=value, e.g. --set amsgrad=true")
            }
            settings.append((parts[0], Self.value(parts[1], for: kind.descriptors.first { $0.name == parts[0] })))
        }
        for (name, value) in settings {
            do {
                try configuration.set(name, to: value)
            } catch {
                throw TrainFlagError(message: "\(kind.rawValue): \(error.description)")
            }
        }
        do {
            try configuration.hyperparameters.validate()
        } catch { throw TrainFlagError(message: "\(kind.rawValue): \(error.description)") }
        return configuration
    }

    private static func value(_ text: String, for descriptor: HyperparameterDescriptor?) -> HyperValue {
        if case .choice? = descriptor?.kind { return .choice(text) }
        if case .optionalReal(_, let absent)? = descriptor?.kind, text == absent { return .choice(text) }
        switch text.lowercased() {
        case "true", "on", "yes": return .flag(true)
        case "false", "off", "no": return .flag(false)
        default: break
        }
        let parts = text.trimmingCharacters(in: CharacterSet(charactersIn: "[]()")).split(separator: ",")
            .compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        if parts.count == 2 { return .pair(parts[0], parts[1]) }
        if case .list? = descriptor?.kind, !parts.isEmpty { return .list(parts) }
        // Anything else unparsable becomes NaN, which the descriptor rejects with the valid range.
        return .real(Double(text) ?? .nan)
    }
}

/// A flag of train or hessian that cannot be honoured: an unknown optimizer, an impossible
/// hyperparameter, an output file that exists.
struct TrainFlagError: Error, CustomStringConvertible {
    /// The message shown to the user.
    let message: String
    var description: String { message }
}
