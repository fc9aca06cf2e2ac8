import OptimizerCore

/// Reads one `[[optimizer]]` table.
enum OptimizerLoader {
    static let scheduleKeys = ["schedule", "step_size", "gamma", "min_lr", "warmup", "start_factor", "period"]
    static let partitionKeys = ["partition", "dim", "n_heads", "n_kv_heads"]

    static func read(_ table: TableReader, problem: Problem, steps: Int, registry: OptimizerRegistry) throws(ScenarioError) -> OptimizerEntry {
        var reader = table
        guard let typeName = try reader.string("type") else {
            throw reader.error(nil, "missing type; type must be one of \(registry.names.joined(separator: ", "))")
        }
        guard let kind = registry.kind(named: typeName.lowercased()) else {
            let names = registry.names
            throw reader.error("type", "type = \"\(typeName)\" is not an optimizer\(NearestName.hint(typeName, in: names)); valid: \(names.joined(separator: ", "))")
        }
        let label = try reader.string("label") ?? kind.rawValue
        guard !label.isEmpty, label.count <= 40 else {
            throw reader.error("label", "label must be 1 to 40 characters")
        }
        var configuration = OptimizerConfiguration(kind: kind)
        let hyperparameterNames = kind.descriptors.map(\.name)
        for (key, value) in table.entries where hyperparameterNames.contains(key) {
            _ = reader.raw(key)
            let descriptor = kind.descriptors.first { $0.name == key }!
            guard let hyper = hyperValue(value, for: descriptor) else {
                let expected = descriptor.validRange
                throw reader.error(key, "\(key) = \(TableReader.abbreviate(value)) is \(value.typeName); \(key) must be \(expected)")
            }
            do throws(HyperparameterError) {
                try configuration.set(key, to: hyper)
            } catch {
                throw reader.error(key, error.description)
            }
        }
        do throws(HyperparameterError) {
            try configuration.hyperparameters.validate()
        } catch {
            throw reader.error(table.has("nesterov") ? "nesterov" : nil, error.description)
        }
        if let use = kind.partition {
            configuration.partition = try readPartition(&reader, use: use, problem: problem)
        }
        try checkBuild(configuration, reader: reader, problem: problem)
        let schedule = try readSchedule(&reader, steps: steps)
        var valid = ["type", "label"] + hyperparameterNames + scheduleKeys
        if let use = kind.partition { valid += use.usesNameRules ? partitionKeys : ["partition"] }
        try reader.requireAllUsed(valid: valid)
        return OptimizerEntry(label: label, configuration: configuration, schedule: schedule)
    }

    /// The TOML value as a hyperparameter value; lists of other than two numbers and names are
    /// read only where the descriptor takes them, so elsewhere they get the type error.
    static func hyperValue(_ value: ConfigValue, for descriptor: HyperparameterDescriptor) -> HyperValue? {
        switch (value, descriptor.kind) {
        case (.array(let items), .list):
            let numbers = items.compactMap(\.number)
            return numbers.count == items.count ? .list(numbers) : nil
        case (.string(let name), .choice), (.string(let name), .optionalReal): return .choice(name)
        default: break
        }
        switch value {
        case .integer(let i): return .real(Double(i))
        case .real(let x): return .real(x)
        case .boolean(let b): return .flag(b)
        case .array(let items) where items.count == 2:
            guard let a = items[0].number, let b = items[1].number else { return nil }
            return .pair(a, b)
        default: return nil
        }
    }

    private static func readPartition(_ reader: inout TableReader, use: PartitionUse, problem: Problem) throws(ScenarioError) -> PartitionStrategy? {
        let dim = use.usesNameRules ? try reader.integer("dim", 1...1_000_000) : nil
        let heads = use.usesNameRules ? try reader.integer("n_heads", 1...100_000) : nil
        let kvHeads = use.usesNameRules ? try reader.integer("n_kv_heads", 1...100_000) : nil
        // On a network the official rules default to the model's own sizes, key by key.
        var sizes = (dim: 2048, heads: 32, kvHeads: Int?.none)
        if case .official(let rules)? = problem.network?.defaultPartition {
            sizes = (rules.dim, rules.heads, rules.kvHeads)
        }
        let official = AdamMiniNameRules(dim: dim ?? sizes.dim, heads: heads ?? sizes.heads, kvHeads: kvHeads ?? (heads == nil ? sizes.kvHeads : nil))
        guard let value = reader.raw("partition") else {
            if dim != nil || heads != nil || kvHeads != nil { return .official(official) }
            return nil
        }
        switch value {
        case .string(let name):
            switch name {
            case "official": return .official(official)
            case "blocks":
                guard problem.hessianBlocks != nil || problem.network == nil else {
                    throw reader.error("partition", "partition = \"blocks\" follows a quadratic's Hessian blocks; a network has none: use \"official\", \"tensor\", \"coordinate\", \"rows\", \"columns\" or a list of block sizes")
                }
                return .hessianBlocks
            case "tensor": return .tensor
            case "coordinate": return .coordinate
            case "rows": return .rows
            case "columns": return .columns
            default:
                throw reader.error("partition", "partition = \"\(name)\" is not valid\(NearestName.hint(name, in: PartitionStrategy.names)); partition must be one of \(PartitionStrategy.names.map { "\"\($0)\"" }.joined(separator: ", ")) or a list of block sizes")
            }
        case .array(let items):
            var sizes: [Int] = []
            for item in items {
                // Bounded so that adding the sizes up cannot overflow.
                guard case .integer(let size) = item, (1...ProblemLoader.maximumDimension).contains(size) else {
                    throw reader.error("partition", "partition = \(TableReader.abbreviate(value)) contains \(item.tomlText); block sizes must be whole numbers from 1 to \(ProblemLoader.maximumDimension)")
                }
                sizes.append(size)
            }
            return .explicit(sizes)
        default:
            throw reader.typeError("partition", value, expected: "a partition name or a list of block sizes")
        }
    }

    /// Builds the optimizer once, so that a partition, a missing Hessian or a layout the rule
    /// cannot run on is reported against this table.
    private static func checkBuild(_ configuration: OptimizerConfiguration, reader: TableReader, problem: Problem) throws(ScenarioError) {
        do throws(PartitionError) {
            _ = try problem.makeOptimizer(configuration, Double.self)
        } catch {
            throw reader.error(reader.has("partition") ? "partition" : "type", error.description)
        }
    }

    private static func readSchedule(_ reader: inout TableReader, steps: Int) throws(ScenarioError) -> LearningRateSchedule {
        let name = try reader.string("schedule") ?? "constant"
        let stepSize = try reader.integer("step_size", 1...Int(Int32.max))
        let gamma = try reader.number("gamma", 0...1, describe: "in [0, 1]")
        let minimum = try reader.number("min_lr", 0...Double.greatestFiniteMagnitude, describe: ">= 0")
        let warmup = try reader.integer("warmup", 0...Int(Int32.max))
        // Above 0: a warmup from factor 0 would make the first update no update at all.
        let startFactor = try reader.number("start_factor", Double.leastNonzeroMagnitude...1, describe: "in (0, 1]")
        let period = try reader.integer("period", 1...Int(Int32.max))
        let names = ["constant", "step", "cosine", "warmup-cosine"]
        switch name {
        case "constant": return .constant
        case "step": return .step(stepSize: stepSize ?? 30, gamma: gamma ?? 0.1)
        case "cosine": return .cosine(period: period ?? max(steps, 1), minimum: minimum ?? 0)
        case "warmup-cosine":
            let total = period ?? max(steps, 1)
            return .warmupCosine(warmup: warmup ?? max(total / 10, 1), total: total,
                                 startFactor: startFactor ?? LearningRateSchedule.defaultStartFactor, minimum: minimum ?? 0)
        default:
            throw reader.error("schedule", "schedule = \"\(name)\" is not valid\(NearestName.hint(name, in: names)); schedule must be one of \(names.joined(separator: ", "))")
        }
    }
}
