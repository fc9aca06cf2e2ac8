import OptimizerCore

/// What Adam-mini's official partition does to a model: per tensor the rule and block count,
/// and the optimizer-state totals against AdamW.
public struct PartitionReport: Sendable, Equatable {
    /// One tensor's line.
    public struct Row: Sendable, Equatable {
        /// Tensor name.
        public var name: String
        /// Shape.
        public var shape: [Int]
        /// Elements.
        public var count: Int
        /// The official rule that applied.
        public var rule: AdamMiniRule
        /// Second-moment values kept.
        public var blocks: Int
        /// The stored dtype code, when the checkpoint or config says.
        public var dtype: String?
    }

    /// Rows in inventory order.
    public var rows: [Row]
    /// Total parameters.
    public var parameters: Int { rows.reduce(0) { $0 + $1.count } }
    /// AdamW's state elements: m and v for every parameter.
    public var adamWState: Int { 2 * parameters }
    /// Adam-mini's state elements: m for every parameter plus one v per block.
    public var adamMiniState: Int { parameters + blocks }
    /// Second-moment values Adam-mini keeps, one per block.
    public var blocks: Int { rows.reduce(0) { $0 + $1.blocks } }
    /// Fraction of AdamW's state that Adam-mini saves.
    public var saving: Double { adamWState == 0 ? 0 : 1 - Double(adamMiniState) / Double(adamWState) }

    /// Applies the official rules to every tensor of an inventory.
    public init(inventory: ModelInventory, rules: AdamMiniNameRules) throws(PartitionError) {
        rows = []
        for tensor in inventory.tensors {
            let rule = rules.rule(for: tensor.name)
            guard tensor.count > 0 else {
                rows.append(Row(name: tensor.name, shape: tensor.shape, count: 0, rule: rule, blocks: 0, dtype: tensor.dtype))
                continue
            }
            let spec = TensorSpec(name: tensor.name, shape: tensor.shape, offset: 0)
            let run = try rules.run(for: spec, index: rows.count)
            rows.append(Row(name: tensor.name, shape: tensor.shape, count: tensor.count, rule: rule, blocks: run.blockCount, dtype: tensor.dtype))
        }
    }
}
