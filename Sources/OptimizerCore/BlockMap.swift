/// A run of equally sized blocks inside one tensor, together covering `count` contiguous elements.
///
/// Describing blocks as runs keeps a map of millions of per-coordinate blocks (plain Adam on a
/// large tensor) a few bytes long. The blocks of a run are either contiguous (block b is elements
/// `offset + b * blockSize ..< offset + (b + 1) * blockSize`) or interleaved: the columns of the
/// `blockSize` x `blockCount` row-major matrix the run covers, element k of block b at
/// `offset + k * blockCount + b` (one block per column of a weight).
public struct BlockRun: Codable, Sendable, Hashable {
    /// Index of the tensor in the layout this run belongs to.
    public var tensorIndex: Int
    /// First element of the run in the flat buffer.
    public var offset: Int
    /// Elements per block.
    public var blockSize: Int
    /// Number of blocks in the run.
    public var blockCount: Int
    /// Whether weight decay applies to these blocks (Adam-mini exempts norms and biases by name;
    /// the exemption is decided when the map is built, never inside the kernel).
    public var decays: Bool
    /// Whether the blocks are the columns of the run (element k of block b at
    /// `offset + k * blockCount + b`) rather than contiguous pieces of it.
    public private(set) var interleaved: Bool

    /// Elements covered by the run.
    public var count: Int { blockSize * blockCount }

    /// Creates a run. A run of one block, or of one-element blocks, is the same either way and is
    /// stored as contiguous.
    public init(tensorIndex: Int, offset: Int, blockSize: Int, blockCount: Int, decays: Bool = true, interleaved: Bool = false) {
        precondition(blockSize > 0 && blockCount > 0, "empty block run")
        self.tensorIndex = tensorIndex
        self.offset = offset
        self.blockSize = blockSize
        self.blockCount = blockCount
        self.decays = decays
        self.interleaved = interleaved && blockSize > 1 && blockCount > 1
    }

    /// Flat index of element `k` of block `b` of the run.
    @inline(__always)
    public func element(_ k: Int, ofBlock b: Int) -> Int {
        interleaved ? offset + k * blockCount + b : offset + b * blockSize + k
    }

    /// The flat indices of block `b`, in order.
    public func indices(ofBlock b: Int) -> [Int] {
        (0..<blockSize).map { element($0, ofBlock: b) }
    }

    /// The block of the run (0 ..< blockCount) holding flat coordinate `index`, which the run covers.
    @inline(__always)
    public func block(holding index: Int) -> Int {
        interleaved ? (index - offset) % blockCount : (index - offset) / blockSize
    }
}

/// Cuts a flat parameter buffer into blocks, each of which shares one second moment in Adam-mini
/// (and one learning rate in block-GD).
///
/// The map's runs cover every coordinate exactly once, in buffer order; inside a run the blocks
/// may interleave (`BlockRun.interleaved`). Partition strategies and the
/// official name rules only *build* block maps; kernels read nothing but the runs.
public struct BlockMap: Codable, Sendable, Hashable {
    /// The runs in buffer order.
    public private(set) var runs: [BlockRun]

    /// Number of blocks: the number of second-moment values Adam-mini keeps.
    public let blockCount: Int

    /// Number of coordinates covered.
    public var count: Int { runs.last.map { $0.offset + $0.count } ?? 0 }

    /// Creates a map from runs that must tile the buffer from 0 without gaps.
    public init(runs: [BlockRun]) {
        var next = 0
        for run in runs {
            precondition(run.offset == next, "block runs must be contiguous and in order")
            next += run.count
        }
        self.runs = runs
        self.blockCount = runs.reduce(0) { $0 + $1.blockCount }
    }

    /// Index of the first block of each run (prefix sums of block counts).
    public var firstBlockOfRun: [Int] {
        var starts: [Int] = []
        var total = 0
        for run in runs {
            starts.append(total)
            total += run.blockCount
        }
        return starts
    }

    /// Sizes of all blocks in order (materialised: use only for small maps, e.g. in the UI).
    public var blockSizes: [Int] {
        runs.flatMap { Array(repeating: $0.blockSize, count: $0.blockCount) }
    }

    /// Whether every block is a contiguous range of the buffer.
    public var isContiguous: Bool { !runs.contains(where: \.interleaved) }

    /// The block holding flat coordinate `index`.
    public func block(containing index: Int) -> Int? {
        var first = 0
        for run in runs {
            if index >= run.offset && index < run.offset + run.count {
                return first + run.block(holding: index)
            }
            first += run.blockCount
        }
        return nil
    }

    /// The block of every coordinate, in buffer order (materialised: use only for small maps).
    public var blockOfCoordinate: [Int] {
        var blocks: [Int] = []
        blocks.reserveCapacity(count)
        for (run, first) in zip(runs, firstBlockOfRun) {
            for index in run.offset..<(run.offset + run.count) { blocks.append(first + run.block(holding: index)) }
        }
        return blocks
    }

    /// The coordinates in block order: block 0's indices, then block 1's, and so on; the identity
    /// when every block is contiguous (materialised: use only for small maps).
    public var coordinatesInBlockOrder: [Int] {
        runs.flatMap { run in (0..<run.blockCount).flatMap { run.indices(ofBlock: $0) } }
    }
}
