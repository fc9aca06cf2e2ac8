/// A run of equally sized, contiguous blocks inside one tensor.
///
/// Describing blocks as runs keeps a map of millions of per-coordinate blocks (plain Adam on a
/// large tensor) a few bytes long.
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

    /// Elements covered by the run.
    public var count: Int { blockSize * blockCount }

    /// Creates a run.
    public init(tensorIndex: Int, offset: Int, blockSize: Int, blockCount: Int, decays: Bool = true) {
        precondition(blockSize > 0 && blockCount > 0, "empty block run")
        self.tensorIndex = tensorIndex
        self.offset = offset
        self.blockSize = blockSize
        self.blockCount = blockCount
        self.decays = decays
    }
}

/// Cuts a flat parameter buffer into contiguous blocks, each of which shares one second moment
/// in Adam-mini (and one learning rate in block-GD).
///
/// The map covers every coordinate exactly once, in buffer order. Partition strategies and the
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

    /// The block holding flat coordinate `index`.
    public func block(containing index: Int) -> Int? {
        var first = 0
        for run in runs {
            if index >= run.offset && index < run.offset + run.count {
                return first + (index - run.offset) / run.blockSize
            }
            first += run.blockCount
        }
        return nil
    }
}
