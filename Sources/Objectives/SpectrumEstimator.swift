import Foundation
import OptimizerCore

/// Spectra of blocks of a symmetric operator: exact eigenvalues for blocks of at most
/// `exactLimit` coordinates, stochastic Lanczos quadrature (SLQ) for larger ones.
///
/// SLQ (Ubaru, Chen and Saad 2017; the blockwise use is Zhang et al. 2024): for each of
/// `probes` Gaussian start vectors v, `lanczosSteps` Lanczos steps on the block give the Gauss
/// quadrature of v's spectral measure, whose average over the probes estimates the block's
/// eigenvalue distribution. A block of several pieces (block-diagonal) draws each probe's piece
/// with probability proportional to its size, which estimates the union of their spectra.
///
/// The work (one Lanczos run per probe, one product per column of an exact block) is shared
/// among the operator's workers on the shared worker pool; every probe is seeded by its block
/// and index, so the result does not depend on the number of threads.
public enum SpectrumEstimator {
    /// The spectra of `blocks`, in order, or nil when `progress` returned false (stop).
    ///
    /// - Parameters:
    ///   - workers: threads to use, at most the operator's `workers`.
    ///   - progress: called after each Lanczos run and each column, one call at a time.
    /// - Precondition: valid settings; blocks inside the operator.
    public static func spectra(
        of matrixOperator: SymmetricOperator, blocks: [SpectrumBlock], settings: SpectrumSettings,
        workers: Int = Parallelism.threadCount,
        progress: (@Sendable (SpectrumProgress) -> Bool)? = nil
    ) -> [BlockSpectrum]? {
        precondition(settings.problem == nil, settings.problem ?? "")
        precondition(blocks.allSatisfy { $0.pieces.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= matrixOperator.dimension } },
                     "blocks inside the operator")
        let plan = SpectrumPlan(blocks: blocks, settings: settings, explicit: matrixOperator.matrix != nil)
        let state = SpectrumWork(plan: plan, progress: progress)
        let threads = max(1, min(workers, matrixOperator.workers, plan.tasks.count))
        Parallelism.forEachSlice(threads) { worker in
            while let index = state.nextTask() {
                state.finish(index, plan.run(plan.tasks[index], on: matrixOperator, worker: worker, stopped: state.isStopped))
            }
        }
        guard !state.isStopped() else { return nil }
        return state.assemble(on: matrixOperator, workers: threads)
    }
}

/// What one estimate does: its tasks and how to turn their results into spectra.
struct SpectrumPlan: Sendable {
    /// One unit of work.
    enum Task: Sendable {
        /// Lanczos from probe `probe` of block `block`.
        case probe(block: Int, probe: Int)
        /// Column `column` (within the block's concatenated pieces) of an exact block.
        case column(block: Int, column: Int)

        var block: Int {
            switch self {
            case .probe(let block, _), .column(let block, _): block
            }
        }
    }

    let blocks: [SpectrumBlock]
    let settings: SpectrumSettings
    let exact: [Bool]
    let explicit: Bool
    let tasks: [Task]
    let cost: [Int]

    init(blocks: [SpectrumBlock], settings: SpectrumSettings, explicit: Bool) {
        self.blocks = blocks
        self.settings = settings
        self.explicit = explicit
        exact = blocks.map { $0.size <= settings.exactLimit }
        var tasks: [Task] = [], cost: [Int] = []
        // Lanczos runs first: they are the long tasks, and a thread finishing early then has
        // columns left to take.
        for (b, block) in blocks.enumerated() where !exact[b] {
            let steps = min(settings.lanczosSteps, block.pieces.map(\.count).max() ?? 1)
            for p in 0..<settings.probes {
                tasks.append(.probe(block: b, probe: p))
                cost.append(steps)
            }
        }
        if !explicit {
            for (b, block) in blocks.enumerated() where exact[b] {
                for c in 0..<block.size {
                    tasks.append(.column(block: b, column: c))
                    cost.append(1)
                }
            }
        }
        self.tasks = tasks
        self.cost = cost
    }

    /// A task's result: Ritz values and weights of one probe, or one column.
    enum Output: Sendable {
        case quadrature(nodes: [Double], weights: [Double])
        case column([Double])
    }

    func run(_ task: Task, on matrixOperator: SymmetricOperator, worker: Int, stopped: @Sendable () -> Bool) -> Output {
        switch task {
        case .probe(let b, let p):
            var generator = SeededGenerator(seed: Self.seed(settings.seed, block: b, probe: p))
            let piece = Self.piece(of: blocks[b], generator: &generator)
            let restricted = matrixOperator.restricted(to: piece)
            let start = (0..<piece.count).map { _ in generator.nextGaussian() }
            let steps = min(settings.lanczosSteps, piece.count)
            let tridiagonal = Lanczos.tridiagonalise(start: start, steps: steps, reorthogonalise: settings.reorthogonalise) { x, y in
                // Once stopped, a zero product ends the run at once (the space looks invariant).
                if stopped() {
                    for i in 0..<y.count { y[i] = 0 }
                } else {
                    restricted.apply(x, into: y, worker: worker)
                }
            }
            let (nodes, weights) = tridiagonal.quadrature()
            let share = 1 / Double(settings.probes)
            return .quadrature(nodes: nodes, weights: weights.map { $0 * share })
        case .column(let b, let c):
            let (piece, offset) = Self.locate(c, in: blocks[b])
            guard !stopped() else { return .column([]) }
            let column = matrixOperator.restricted(to: piece).column(offset, worker: worker)
            return .column(column)
        }
    }

    /// The piece holding column `c` of a block's concatenated pieces, and the column within it.
    static func locate(_ c: Int, in block: SpectrumBlock) -> (Range<Int>, Int) {
        var remaining = c
        for piece in block.pieces {
            if remaining < piece.count { return (piece, remaining) }
            remaining -= piece.count
        }
        preconditionFailure("column \(c) outside a block of \(block.size)")
    }

    /// A piece drawn with probability proportional to its size.
    static func piece(of block: SpectrumBlock, generator: inout SeededGenerator) -> Range<Int> {
        guard block.pieces.count > 1 else { return block.pieces[0] }
        var target = Int(generator.nextUniform() * Double(block.size))
        for piece in block.pieces {
            if target < piece.count { return piece }
            target -= piece.count
        }
        return block.pieces[block.pieces.count - 1]
    }

    /// A seed of its own for every (block, probe), mixed so that neighbours are unrelated.
    static func seed(_ seed: UInt64, block: Int, probe: Int) -> UInt64 {
        var z = seed ^ (UInt64(block) &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(probe) &* 0xD1B5_4A32_D192_ED03)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The shared state of one estimate: the next task, the results, the progress and stop flag.
final class SpectrumWork: @unchecked Sendable {
    private let plan: SpectrumPlan
    private let progress: (@Sendable (SpectrumProgress) -> Bool)?
    private let lock = NSLock()
    private let reporting = NSLock()
    private var next = 0
    private var completed = 0
    private var stopped = false
    private let total: Int
    private var outputs: [SpectrumPlan.Output?]

    init(plan: SpectrumPlan, progress: (@Sendable (SpectrumProgress) -> Bool)?) {
        self.plan = plan
        self.progress = progress
        total = plan.cost.reduce(0, +)
        outputs = Array(repeating: nil, count: plan.tasks.count)
    }

    func nextTask() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped, next < plan.tasks.count else { return nil }
        next += 1
        return next - 1
    }

    @Sendable func isStopped() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    func finish(_ index: Int, _ output: SpectrumPlan.Output) {
        lock.lock()
        outputs[index] = output
        completed += plan.cost[index]
        let report = SpectrumProgress(completed: completed, total: total)
        lock.unlock()
        guard let progress else { return }
        reporting.lock()
        let proceed = progress(report)
        reporting.unlock()
        if !proceed {
            lock.lock()
            stopped = true
            lock.unlock()
        }
    }

    /// Every block's spectrum from the finished tasks; exact blocks are diagonalised here, in
    /// parallel over blocks.
    func assemble(on matrixOperator: SymmetricOperator, workers: Int) -> [BlockSpectrum] {
        let blocks = plan.blocks
        var quadratures = [[(nodes: [Double], weights: [Double])]](repeating: [], count: blocks.count)
        var columns = [[Double]](repeating: [], count: blocks.count)
        for (b, block) in blocks.enumerated() where plan.exact[b] && !plan.explicit {
            columns[b] = [Double](repeating: 0, count: block.size * block.size)
        }
        for (task, output) in zip(plan.tasks, outputs) {
            switch (task, output) {
            case (.probe(let b, _), .quadrature(let nodes, let weights)?):
                quadratures[b].append((nodes, weights))
            case (.column(let b, let c), .column(let values)?):
                // Column c restricted to its own piece, whose rows start where its columns do.
                let (_, local) = SpectrumPlan.locate(c, in: blocks[b])
                let first = c - local
                for (i, value) in values.enumerated() { columns[b][(first + i) * blocks[b].size + c] = value }
            default:
                break
            }
        }
        let exactBlocks = blocks.indices.filter { plan.exact[$0] }
        let eigen = ExactSpectra(count: blocks.count)
        let claimed = ExactSpectra.Counter()
        Parallelism.forEachSlice(max(1, min(workers, exactBlocks.count))) { _ in
            while let k = claimed.next(below: exactBlocks.count) {
                let b = exactBlocks[k]
                eigen.store(b, Self.exactEigenvalues(of: blocks[b], matrixOperator: matrixOperator, columns: columns[b]))
            }
        }
        return blocks.enumerated().map { b, block in
            if plan.exact[b] {
                let values = eigen.values[b]
                return BlockSpectrum(name: block.name, size: block.size, method: .exact, nodes: values,
                                     weights: Array(repeating: 1 / Double(values.count), count: values.count))
            }
            return BlockSpectrum(name: block.name, size: block.size, method: .lanczos,
                                 nodes: quadratures[b].flatMap(\.nodes), weights: quadratures[b].flatMap(\.weights))
        }
    }

    /// Eigenvalues of each piece's principal block (symmetrised, so products that are symmetric
    /// only up to rounding give real eigenvalues), ascending.
    private static func exactEigenvalues(of block: SpectrumBlock, matrixOperator: SymmetricOperator, columns: [Double]) -> [Double] {
        var values: [Double] = []
        var offset = 0
        for piece in block.pieces {
            let d = piece.count
            var matrix: Matrix
            if let explicit = matrixOperator.restricted(to: piece).matrix {
                matrix = explicit
            } else {
                matrix = Matrix(rows: d, columns: d)
                for i in 0..<d {
                    for j in 0..<d { matrix.elements[i * d + j] = columns[(offset + i) * block.size + offset + j] }
                }
            }
            for i in 0..<d {
                for j in (i + 1)..<max(i + 1, d) {
                    let mean = (matrix.elements[i * d + j] + matrix.elements[j * d + i]) / 2
                    matrix.elements[i * d + j] = mean
                    matrix.elements[j * d + i] = mean
                }
            }
            values += matrix.symmetricEigenvalues()
            offset += d
        }
        return values.sorted()
    }
}

/// Eigenvalues of the exact blocks, written by whichever thread diagonalised each.
private final class ExactSpectra: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [[Double]]

    init(count: Int) { values = Array(repeating: [], count: count) }

    func store(_ b: Int, _ eigenvalues: [Double]) {
        lock.lock()
        values[b] = eigenvalues
        lock.unlock()
    }

    /// Hands out 0, 1, 2, ... to whichever thread asks next.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0

        func next(below limit: Int) -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard value < limit else { return nil }
            value += 1
            return value - 1
        }
    }
}
