/// Equally sized Adam-mini blocks, about `targetElements` elements in all, so that threads can
/// share a step in balanced pieces: a stretch of contiguous blocks, or a band of neighbouring
/// columns of an interleaved run (one block per column), each column a block.
struct AdamMiniChunk: Sendable, Hashable, Codable {
    /// First element in the flat buffer.
    let offset: Int
    let blockSize: Int
    let blockCount: Int
    /// Index of the chunk's first block in the per-block state.
    let firstBlock: Int
    let decays: Bool
    /// 0 for contiguous blocks; for column blocks, the distance between rows (the run's column
    /// count): element k of block b at `offset + k * rowStride + b`.
    var rowStride = 0

    /// Elements covered.
    var count: Int { blockSize * blockCount }

    static let targetElements = 1 << 15
    /// Columns a band takes at least, so each of its row segments fills whole cache lines.
    static let minimumBandColumns = 64

    /// Cuts a block map into chunks.
    static func chunks(of map: BlockMap) -> [AdamMiniChunk] {
        var chunks: [AdamMiniChunk] = []
        var firstBlock = 0
        for run in map.runs {
            let blocksPerChunk = run.interleaved ? max(minimumBandColumns, targetElements / run.blockSize)
                : max(1, targetElements / run.blockSize)
            var done = 0
            while done < run.blockCount {
                let count = min(blocksPerChunk, run.blockCount - done)
                chunks.append(AdamMiniChunk(offset: run.element(0, ofBlock: done), blockSize: run.blockSize,
                                            blockCount: count, firstBlock: firstBlock + done, decays: run.decays,
                                            rowStride: run.interleaved ? run.blockCount : 0))
                done += count
            }
            firstBlock += run.blockCount
        }
        return chunks
    }

    /// Where each chunk starts in a count of elements (the elements of the chunks before it), for
    /// balancing threads by work; a band of columns starts inside the first row of its run, so its
    /// buffer offset would not do.
    static func workStarts(of chunks: [AdamMiniChunk]) -> [Int] {
        var starts: [Int] = []
        starts.reserveCapacity(chunks.count)
        var total = 0
        for chunk in chunks {
            starts.append(total)
            total += chunk.count
        }
        return starts
    }
}

/// Adam-mini's step over a range of chunk indices: what each thread runs. A chunk of
/// one-coordinate blocks (the official bias rule) is plain Adam and runs Adam's update; a chunk
/// of larger blocks first reduces each block's mean of g^2 (in double precision), then updates m
/// and p while the block is still in cache. A chunk of column blocks does the same a row at a time
/// across all its columns, so the buffer is read in order.
struct AdamMiniChunkKernel<T: OptimizerScalar>: RangeKernel {
    let chunks: UnsafeBufferPointer<AdamMiniChunk>
    let p: UnsafeMutablePointer<T>
    let g: UnsafePointer<T>
    let m: UnsafeMutablePointer<T>
    let v: UnsafeMutablePointer<T>
    /// Adam's update for blocks that decay, and for those that do not.
    let decaying: Adam.Update<T>
    let plain: Adam.Update<T>
    /// 1 / (1 - b1^t) and -lr, for blocks of more than one coordinate.
    let inverseBC1: T
    let negativeLR: T

    func run(_ range: Range<Int>) {
        for index in range {
            let chunk = chunks[index]
            let update = chunk.decays ? decaying : plain
            if chunk.blockSize == 1 {
                // Adam's state pointers, v shifted so that coordinate i reads block i's moment.
                var state = StatePointers<T>()
                state[set: Adam.State.expAvg.rawValue] = m
                state[set: Adam.State.expAvgSq.rawValue] = v + chunk.firstBlock - chunk.offset
                ElementwiseKernel(update: update, p: p, g: g, state: state).run(chunk.offset..<(chunk.offset + chunk.blockCount))
            } else if chunk.rowStride > 0 {
                columns(chunk, update)
            } else {
                blocks(chunk, update)
            }
        }
    }

    private func blocks(_ chunk: AdamMiniChunk, _ adam: Adam.Update<T>) {
        let inverseSize = 1 / Double(chunk.blockSize)
        for b in 0..<chunk.blockCount {
            let start = chunk.offset + b * chunk.blockSize
            let end = start + chunk.blockSize
            var lanes = SIMD8<Double>()
            var i = start
            while i + 8 <= end {
                let d = SIMD8<Double>(loadLanes(g + i))
                lanes += d * d
                i += 8
            }
            var sumOfSquares = lanes.sum()
            while i < end {
                let d = Double(g[i])
                sumOfSquares += d * d
                i += 1
            }
            let meanSquare = T(sumOfSquares * inverseSize)
            let vb = v[chunk.firstBlock + b] * adam.beta2 + adam.oneMinusBeta2 * meanSquare
            v[chunk.firstBlock + b] = vb
            // The official code computes (1/bc1)/h as h.reciprocal() * (1/bc1).
            let stepSize = (1 / adam.denominator(ScalarLane(vb)).value) * inverseBC1
            BlockUpdate(p: p, g: g, m: m, adam: adam, stepSize: stepSize, negativeLR: negativeLR).runLanes(start..<end)
        }
    }
}

extension AdamMiniChunkKernel {
    /// The blocks of `chunk` are columns: sums of g^2 per column row by row, then one step size per
    /// column, then m and p row by row with each column's step size.
    private func columns(_ chunk: AdamMiniChunk, _ adam: Adam.Update<T>) {
        let columns = chunk.blockCount, rows = chunk.blockSize, stride = chunk.rowStride
        let inverseSize = 1 / Double(rows)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: columns) { sums in
            withUnsafeTemporaryAllocation(of: T.self, capacity: columns) { stepSizes in
                sums.initialize(repeating: 0)
                for k in 0..<rows {
                    let row = g + chunk.offset + k * stride
                    for b in 0..<columns {
                        let d = Double(row[b])
                        sums[b] += d * d
                    }
                }
                for b in 0..<columns {
                    let vb = v[chunk.firstBlock + b] * adam.beta2 + adam.oneMinusBeta2 * T(sums[b] * inverseSize)
                    v[chunk.firstBlock + b] = vb
                    stepSizes[b] = (1 / adam.denominator(ScalarLane(vb)).value) * inverseBC1
                }
                let block = BlockUpdate(p: p, g: g, m: m, adam: adam, stepSize: 0, negativeLR: negativeLR)
                for k in 0..<rows {
                    let start = chunk.offset + k * stride
                    ColumnUpdate(block: block, stepSizes: UnsafePointer(stepSizes.baseAddress!), rowStart: start).runLanes(start..<(start + columns))
                }
            }
        }
    }
}

/// `BlockUpdate` along one row of a chunk of column blocks: each element takes its column's step
/// size (`stepSizes[b]` for the element `rowStart + b`).
private struct ColumnUpdate<T: OptimizerScalar>: LaneBody {
    typealias Scalar = T
    /// The update; its own step size is unused.
    let block: BlockUpdate<T>
    let stepSizes: UnsafePointer<T>
    let rowStart: Int

    @inline(__always)
    func apply<V: OptimizerLane>(_: V.Type, at i: Int) where V.Scalar == T {
        block.apply(V.self, at: i, stepSize: V.load(stepSizes + (i - rowStart)))
    }
}

/// m and p of one Adam-mini block, with the block's step size:
///
///     p <- p * (1 - lr * wd)  (blocks that decay);  m <- lerp(m, g, 1 - b1);  p <- p - lr * (m * step_size)
private struct BlockUpdate<T: OptimizerScalar>: LaneBody {
    typealias Scalar = T
    let p: UnsafeMutablePointer<T>
    let g: UnsafePointer<T>
    let m: UnsafeMutablePointer<T>
    let adam: Adam.Update<T>
    let stepSize: T
    let negativeLR: T

    @inline(__always)
    func apply<V: OptimizerLane>(_: V.Type, at i: Int) where V.Scalar == T {
        apply(V.self, at: i, stepSize: V(broadcast: stepSize))
    }

    /// The update at `i` with step sizes given per lane.
    @inline(__always)
    func apply<V: OptimizerLane>(_: V.Type, at i: Int, stepSize: V) where V.Scalar == T {
        var parameter = V.load(UnsafePointer(p + i))
        if adam.hasDecoupled { parameter = parameter * adam.decayFactor }
        let moment = V.load(UnsafePointer(m + i)).lerp(to: V.load(g + i), weight: adam.oneMinusBeta1)
        moment.store(to: m + i)
        (parameter + negativeLR * (moment * stepSize)).store(to: p + i)
    }
}
