import OptimizerCore

/// One tensor of a network as the Hessian views show it: where it sits in H, a short unambiguous
/// label, and Adam-mini's official blocks inside it.
public struct HessianTensor: Sendable, Equatable {
    /// The layout's name, e.g. `model.layers.0.self_attn.q_proj.weight`.
    public let name: String
    /// The label on screen, e.g. `layers.0.attn.q` (see `TensorLabels`).
    public let label: String
    /// The tensor's shape.
    public let shape: [Int]
    /// Its first row and column in H.
    public let offset: Int
    /// Its number of parameters: its diagonal block of H is `count` x `count`.
    public let count: Int
    /// Adam-mini's official rule for it.
    public let rule: AdamMiniRule
    /// Sizes of Adam-mini's official blocks inside it, in order (they add up to `count`).
    public let blockSizes: [Int]

    /// Creates a tensor description.
    public init(name: String, label: String, shape: [Int], offset: Int, count: Int, rule: AdamMiniRule, blockSizes: [Int]) {
        self.name = name
        self.label = label
        self.shape = shape
        self.offset = offset
        self.count = count
        self.rule = rule
        self.blockSizes = blockSizes
    }

    /// What Adam-mini does with it, in a few words: "one per head, 2 of 72 entries".
    public var blocksDescription: String {
        let blocks = blockSizes.count
        let size = blockSizes.first ?? count
        switch blocks {
        case 0: return "none"
        case 1: return "one, the whole tensor"
        case count: return "one per coordinate (plain Adam)"
        default:
            let unit: String
            switch rule {
            case .perHead: unit = "head"
            case .perRow: unit = "row"
            default: unit = "piece"
            }
            return "one per \(unit), \(blocks) of \(size) entries"
        }
    }
}
