/// How Adam-mini (or block-GD) cuts the parameters into blocks that share one second moment.
public enum PartitionStrategy: Codable, Sendable, Hashable {
    /// The official Adam-mini name rules (the default for named network parameters).
    case official(AdamMiniNameRules)
    /// The objective's own Hessian blocks (the default for quadratics).
    case hessianBlocks
    /// One block per tensor: PyTorch's default partition (the default on 2D surfaces, where x and
    /// y form one tensor `xy`).
    case tensor
    /// Every coordinate its own block: Adam-mini becomes Adam.
    case coordinate
    /// One block per row of every tensor (per index of its first dimension; a 1-D tensor is one
    /// row): the official rule for value, output and MLP weights, applied to all.
    case rows
    /// One block per column of every tensor (per index of its last dimension, the tensor seen as
    /// a matrix of count / last rows; a 1-D tensor is one column): blocks whose elements are a row
    /// length apart in the buffer. On a matrix regression these are exactly the Hessian's blocks.
    case columns
    /// Explicit block sizes in buffer order; they must add up to the parameter count and may cut
    /// across tensors.
    case explicit([Int])

    /// The name used in scenario files and listings.
    public var name: String {
        switch self {
        case .official: "official"
        case .hessianBlocks: "blocks"
        case .tensor: "tensor"
        case .coordinate: "coordinate"
        case .rows: "rows"
        case .columns: "columns"
        case .explicit: "explicit"
        }
    }

    /// Names a scenario file may give as `partition = "..."` (or a list of block sizes).
    public static let names = ["official", "blocks", "tensor", "coordinate", "rows", "columns"]

    /// Builds the block map over `layout`. `hessianBlocks` are the objective's Hessian block sizes
    /// (nil when it has none, in which case `.hessianBlocks` means one block per tensor).
    public func blockMap(for layout: ParameterLayout, hessianBlocks: [Int]? = nil) throws(PartitionError) -> BlockMap {
        switch self {
        case .official(let rules):
            var runs: [BlockRun] = []
            for (index, tensor) in layout.tensors.enumerated() {
                runs.append(try rules.run(for: tensor, index: index))
            }
            return BlockMap(runs: runs)
        case .tensor:
            return BlockMap(runs: layout.tensors.enumerated().map { index, tensor in
                BlockRun(tensorIndex: index, offset: tensor.offset, blockSize: tensor.count, blockCount: 1,
                         decays: AdamMiniNameRules.decays(tensor.name))
            })
        case .coordinate:
            return BlockMap(runs: layout.tensors.enumerated().map { index, tensor in
                BlockRun(tensorIndex: index, offset: tensor.offset, blockSize: 1, blockCount: tensor.count,
                         decays: AdamMiniNameRules.decays(tensor.name))
            })
        case .rows:
            return BlockMap(runs: layout.tensors.enumerated().map { index, tensor in
                let rows = tensor.shape.count > 1 ? tensor.shape[0] : 1
                return BlockRun(tensorIndex: index, offset: tensor.offset, blockSize: tensor.count / rows, blockCount: rows,
                                decays: AdamMiniNameRules.decays(tensor.name))
            })
        case .columns:
            return BlockMap(runs: layout.tensors.enumerated().map { index, tensor in
                let columns = tensor.shape.count > 1 ? tensor.shape[tensor.shape.count - 1] : 1
                return BlockRun(tensorIndex: index, offset: tensor.offset, blockSize: tensor.count / columns, blockCount: columns,
                                decays: AdamMiniNameRules.decays(tensor.name), interleaved: true)
            })
        case .hessianBlocks:
            guard let hessianBlocks else { return try PartitionStrategy.tensor.blockMap(for: layout) }
            return try PartitionStrategy.explicit(hessianBlocks).blockMap(for: layout)
        case .explicit(let sizes):
            guard sizes.allSatisfy({ $0 > 0 }), sizes.reduce(0, +) == layout.count else {
                throw .blockSizesMismatch(sizes: sizes, expected: layout.count)
            }
            var runs: [BlockRun] = []
            var offset = 0
            for size in sizes {
                let index = layout.tensors.firstIndex { $0.range.contains(offset) } ?? 0
                let name = layout.tensors[index].name
                if let last = runs.last, last.blockSize == size, last.tensorIndex == index,
                   last.decays == AdamMiniNameRules.decays(name) {
                    runs[runs.count - 1].blockCount += 1
                } else {
                    runs.append(BlockRun(tensorIndex: index, offset: offset, blockSize: size, blockCount: 1,
                                         decays: AdamMiniNameRules.decays(name)))
                }
                offset += size
            }
            return BlockMap(runs: runs)
        }
    }
}
