import OptimizerCore

/// Writes a scenario back as TOML that `ScenarioLoader` reads to the same scenario: the problem as
/// written (with the current start), the run settings, and every optimizer with its current
/// hyperparameters (retuned learning rates included), partition and schedule, and its claims.
public enum ScenarioWriter {
    /// The scenario as TOML text.
    public static func toml(_ scenario: Scenario) -> String {
        var out = "name = \(TOMLText.string(scenario.name))\n"
        if !scenario.description.isEmpty {
            out += "description = \(TOMLText.string(scenario.description))\n"
        }
        out += "\n[problem]\n"
        // A network starts from seeded weights: it has no start point to write.
        var wroteStart = scenario.problem.network != nil
        let start = ConfigValue.array(scenario.problem.start.map { .real($0) })
        for (key, value) in scenario.problem.source {
            if key == "text", case .text(let path, _)? = scenario.problem.network?.task {
                // Resolved against the scenario's folder when read; written so it still names the file.
                out += "text = \(TOMLText.string(path))\n"
            } else if key == "start" {
                out += "start = \(start.tomlText)\n"
                wroteStart = true
            } else {
                out += "\(TOMLText.key(key)) = \(value.tomlText)\n"
            }
        }
        if !wroteStart { out += "start = \(start.tomlText)\n" }
        out += "\n[run]\nsteps = \(scenario.settings.steps)\nseed = \(scenario.settings.seed)\n"
        out += "precision = \(TOMLText.string(scenario.settings.precision == .float ? "float" : "double"))\n"
        for entry in scenario.optimizers {
            out += "\n[[optimizer]]\n" + optimizer(entry)
        }
        for claim in scenario.claims {
            out += "\n[[claim]]\n" + self.claim(claim)
        }
        return out
    }

    /// One `[[claim]]` table's body, as the file gave it (the text only when it had one).
    static func claim(_ claim: Claim) -> String {
        var out = claim.text.map { "text = \(TOMLText.string($0))\n" } ?? ""
        out += "optimizer = \(TOMLText.string(claim.optimizer))\n"
        switch claim.test {
        case .below(let x): out += "step = \(claim.step)\nbelow = \(TOMLText.number(x))\n"
        case .above(let x): out += "step = \(claim.step)\nabove = \(TOMLText.number(x))\n"
        case .beats(let other, let factor):
            out += "step = \(claim.step)\nbeats = \(TOMLText.string(other))\n" + (factor == 1 ? "" : "by = \(TOMLText.number(factor))\n")
        case .diverges(let flag): out += "step = \(claim.step)\ndiverges = \(flag)\n"
        case .reaches(let x, let within): out += "reaches = \(TOMLText.number(x))\nwithin = \(within)\n"
        }
        return out
    }

    /// One `[[optimizer]]` table's body: type, label, the learning rate and every hyperparameter
    /// that differs from the kind's default, partition and schedule.
    static func optimizer(_ entry: OptimizerEntry) -> String {
        let configuration = entry.configuration
        var out = "type = \(TOMLText.string(configuration.kind.rawValue))\n"
        out += "label = \(TOMLText.string(entry.label))\n"
        let defaults = configuration.kind.defaultHyperparameters
        for (name, value) in configuration.hyperparameters.namedValues
        where name == configuration.kind.learningRateName || defaults.value(named: name) != value {
            out += "\(TOMLText.key(name)) = \(hyper(value))\n"
        }
        switch configuration.partition {
        case nil: break
        case .official(let rules)?:
            out += "partition = \"official\"\ndim = \(rules.dim)\nn_heads = \(rules.heads)\nn_kv_heads = \(rules.kvHeads)\n"
        case .hessianBlocks?: out += "partition = \"blocks\"\n"
        case .tensor?: out += "partition = \"tensor\"\n"
        case .coordinate?: out += "partition = \"coordinate\"\n"
        case .rows?: out += "partition = \"rows\"\n"
        case .columns?: out += "partition = \"columns\"\n"
        case .explicit(let sizes)?: out += "partition = [\(sizes.map(String.init).joined(separator: ", "))]\n"
        }
        switch entry.schedule {
        case .constant: break
        case let .step(stepSize, gamma):
            out += "schedule = \"step\"\nstep_size = \(stepSize)\ngamma = \(TOMLText.number(gamma))\n"
        case let .cosine(period, minimum):
            out += "schedule = \"cosine\"\nperiod = \(period)\nmin_lr = \(TOMLText.number(minimum))\n"
        case let .warmupCosine(warmup, total, startFactor, minimum):
            out += "schedule = \"warmup-cosine\"\nwarmup = \(warmup)\nperiod = \(total)\n"
            out += "start_factor = \(TOMLText.number(startFactor))\nmin_lr = \(TOMLText.number(minimum))\n"
        }
        return out
    }

    private static func hyper(_ value: HyperValue) -> String {
        switch value {
        case .real(let x): TOMLText.number(x)
        case .flag(let b): b ? "true" : "false"
        case .pair(let a, let b): "[\(TOMLText.number(a)), \(TOMLText.number(b))]"
        case .list(let xs): "[" + xs.map(TOMLText.number).joined(separator: ", ") + "]"
        case .choice(let name): TOMLText.string(name)
        }
    }
}
