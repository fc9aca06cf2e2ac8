/// The fused Adam-mini update over a chunk of whole blocks: per block one pass accumulates the
/// mean of g^2 (in double precision), a second pass updates m and p while the block is still in
/// cache. Per-coordinate blocks (the official bias rule) take torch Adam's exact form.
enum AdamMiniKernel {
    /// A run of equally sized blocks, at most about `BlockChunk.targetElements` elements long, so
    /// that threads can share a step in balanced pieces.
    struct BlockChunk: Sendable, Hashable, Codable {
        /// First element in the flat buffer.
        let offset: Int
        let blockSize: Int
        let blockCount: Int
        /// Index of the chunk's first block in the per-block state.
        let firstBlock: Int
        let decays: Bool

        static let targetElements = 1 << 15

        /// Cuts a block map into chunks.
        static func chunks(of map: BlockMap) -> [BlockChunk] {
            var chunks: [BlockChunk] = []
            var firstBlock = 0
            for run in map.runs {
                let blocksPerChunk = max(1, targetElements / run.blockSize)
                var done = 0
                while done < run.blockCount {
                    let count = min(blocksPerChunk, run.blockCount - done)
                    chunks.append(BlockChunk(offset: run.offset + done * run.blockSize, blockSize: run.blockSize,
                                             blockCount: count, firstBlock: firstBlock + done, decays: run.decays))
                    done += count
                }
                firstBlock += run.blockCount
            }
            return chunks
        }
    }

    struct Settings<T: OptimizerScalar> {
        let oneMinusBeta1: T
        let beta2: T
        let oneMinusBeta2: T
        let eps: T
        let bc2Sqrt: T
        let inverseBC1: T
        let negativeLR: T
        /// -lr / (1 - b1^t), the per-coordinate (plain Adam) step size.
        let negativeStepSize: T
        let decayFactor: T
        let decayOn: Bool
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func run<T: OptimizerScalar>(_ chunk: BlockChunk, p: UnsafeMutablePointer<T>, g: UnsafePointer<T>,
                                        m: UnsafeMutablePointer<T>, v: UnsafeMutablePointer<T>, _ s: Settings<T>) {
        if chunk.blockSize == 1 {
            coordinates(chunk, p: p, g: g, m: m, v: v, s)
            return
        }
        let fromStart = abs(s.oneMinusBeta1) < 0.5
        let decays = s.decayOn && chunk.decays
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
            let vb = v[chunk.firstBlock + b] * s.beta2 + s.oneMinusBeta2 * meanSquare
            v[chunk.firstBlock + b] = vb
            let h = vb.squareRoot() / s.bc2Sqrt + s.eps
            // The official code computes (1/bc1)/h as h.reciprocal() * (1/bc1).
            let stepSize = (1 / h) * s.inverseBC1
            i = start
            while i + 8 <= end {
                var pv = loadLanes(p + i)
                if decays { pv = pv * s.decayFactor }
                let mv = lerpLanes(loadLanes(m + i), loadLanes(g + i), weight: s.oneMinusBeta1, fromStart: fromStart)
                storeLanes(mv, m + i)
                storeLanes(pv + s.negativeLR * (mv * stepSize), p + i)
                i += 8
            }
            while i < end {
                if decays { p[i] = p[i] * s.decayFactor }
                m[i] = Lerp.torch(m[i], g[i], weight: s.oneMinusBeta1)
                p[i] = p[i] + s.negativeLR * (m[i] * stepSize)
                i += 1
            }
        }
    }

    /// One block per coordinate: exactly torch Adam's update (the official bias rule).
    private static func coordinates<T: OptimizerScalar>(_ chunk: BlockChunk, p: UnsafeMutablePointer<T>, g: UnsafePointer<T>,
                                                        m: UnsafeMutablePointer<T>, v: UnsafeMutablePointer<T>, _ s: Settings<T>) {
        let fromStart = abs(s.oneMinusBeta1) < 0.5
        let decays = s.decayOn && chunk.decays
        let vBase = v + chunk.firstBlock - chunk.offset
        var i = chunk.offset
        let end = chunk.offset + chunk.blockCount
        while i + 8 <= end {
            var pv = loadLanes(p + i)
            if decays { pv = pv * s.decayFactor }
            let d = loadLanes(g + i)
            let vv = loadLanes(vBase + i) * s.beta2 + s.oneMinusBeta2 * d * d
            storeLanes(vv, vBase + i)
            let mv = lerpLanes(loadLanes(m + i), d, weight: s.oneMinusBeta1, fromStart: fromStart)
            storeLanes(mv, m + i)
            storeLanes(pv + s.negativeStepSize * mv / (vv.squareRoot() / s.bc2Sqrt + s.eps), p + i)
            i += 8
        }
        while i < end {
            if decays { p[i] = p[i] * s.decayFactor }
            let d = g[i]
            vBase[i] = vBase[i] * s.beta2 + s.oneMinusBeta2 * d * d
            m[i] = Lerp.torch(m[i], d, weight: s.oneMinusBeta1)
            p[i] = p[i] + s.negativeStepSize * m[i] / (vBase[i].squareRoot() / s.bc2Sqrt + s.eps)
            i += 1
        }
    }
}

/// Adam-mini's step over a range of chunk indices: what each thread runs.
struct AdamMiniChunkKernel<T: OptimizerScalar>: RangeKernel {
    let chunks: UnsafeBufferPointer<AdamMiniKernel.BlockChunk>
    let p: UnsafeMutablePointer<T>
    let g: UnsafePointer<T>
    let m: UnsafeMutablePointer<T>
    let v: UnsafeMutablePointer<T>
    let settings: AdamMiniKernel.Settings<T>

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func run(_ range: Range<Int>) {
        for index in range {
            AdamMiniKernel.run(chunks[index], p: p, g: g, m: m, v: v, settings)
        }
    }
}
