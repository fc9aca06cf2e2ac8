import Synchronization

extension Parallelism {
    /// Work (multiply-adds, or the equivalent) below which `forEachRange` stays on the calling
    /// thread: waking the workers costs a few microseconds, about as long as this much arithmetic.
    public static let minimumParallelWork = 1 << 16

    /// Runs `body` over `0..<count` in contiguous ranges on the threads of the worker pool that
    /// optimizer steps use, when `work` (the total multiply-adds) is large enough to pay for it.
    ///
    /// The range is cut into twice as many pieces as threads, which each thread takes in turn as it
    /// finishes one, so a thread slowed by other programs holds the others up less. Every index is
    /// handled by exactly one call of `body`, so a body that writes only the rows of its range gives
    /// results that do not depend on the number of threads. Each piece runs in the caller's
    /// floating-point mode. Called from inside another parallel body, it runs the whole range on
    /// the calling thread.
    public static func forEachRange(_ count: Int, work: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let threads = min(threadCount, count)
        guard threads > 1, work >= minimumParallelWork, !WorkerPool.isInsideJob else {
            if count > 0 { body(0..<count) }
            return
        }
        // Handing the closure to other threads boxes it, and the counter is an object: a few
        // allocations per call, which the optimizer steps (`RangeKernel` values) avoid.
        withoutActuallyEscaping(body) { body in
            let job = ClosurePieces(body: body, count: count, pieces: min(count, 2 * threads), next: PieceCounter())
            WorkerPool.shared.run(job, slices: threads)
        }
    }
}

/// The next piece to take, shared by the threads of one call.
private final class PieceCounter: Sendable {
    let next = Atomic<Int>(0)
}

/// Contiguous pieces of `0..<count`, taken by whichever slice is free.
private struct ClosurePieces: SliceJob {
    let body: @Sendable (Range<Int>) -> Void
    let count: Int
    let pieces: Int
    let next: PieceCounter

    func run(slice: Int, of slices: Int) {
        while true {
            let piece = next.next.add(1, ordering: .relaxed).oldValue
            guard piece < pieces else { return }
            let lower = count * piece / pieces
            let upper = count * (piece + 1) / pieces
            if lower < upper { body(lower..<upper) }
        }
    }
}
