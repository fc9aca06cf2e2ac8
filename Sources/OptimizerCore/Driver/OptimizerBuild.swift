/// What building an optimizer needs besides its kind: the hyperparameters, the layout and, for
/// rules that use blocks, the partition and the problem's Hessian blocks and curvatures.
public struct OptimizerBuild {
    /// The hyperparameters.
    public let hyperparameters: Hyperparameters
    /// The parameters' layout.
    public let layout: ParameterLayout
    /// The partition given by the configuration, if any.
    public let partition: PartitionStrategy?
    /// The problem's default partition (tensor on surfaces, Hessian blocks on quadratics, official on networks).
    public let defaultPartition: PartitionStrategy
    /// The objective's Hessian block sizes, if it has any.
    public let hessianBlocks: [Int]?
    /// The largest Hessian eigenvalue of each block of a map; nil without a fixed Hessian.
    public let curvatures: ((BlockMap) -> [Double])?
    /// The exact Hessian at a point, n x n row-major (Newton's method); nil where the problem has none.
    public let hessian: (@Sendable ([Double]) -> [Double])?
    /// Whether the parameters are a network's weights, where rules follow the recipes used on
    /// networks (Muon takes the hidden matrices and leaves the rest to AdamW).
    public let network: Bool

    /// The block map of the partition in use: the given one, else the rule's fallback, else the problem's default.
    public func blockMap(fallback: PartitionStrategy?) throws(PartitionError) -> BlockMap {
        try (partition ?? fallback ?? defaultPartition).blockMap(for: layout, hessianBlocks: hessianBlocks)
    }
}
