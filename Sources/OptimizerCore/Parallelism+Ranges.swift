extension Parallelism {
    /// Work (multiply-adds, or the equivalent) below which `forEachRange` stays on the calling
    /// thread: waking the workers costs a few microseconds, about as long as this much arithmetic.
    public static let minimumParallelWork = 1 << 16

    /// Runs `body` over `0..<count` in contiguous ranges, one per thread of the worker pool that
    /// optimizer steps use, when `work` (the total multiply-adds) is large enough to pay for it.
    ///
    /// Every index is handled by exactly one call of `body`, so a body that writes only the rows
    /// of its range gives results that do not depend on the number of threads. Each range runs in
    /// the caller's floating-point mode. Called from inside another parallel body, it runs the
    /// whole range on the calling thread.
    public static func forEachRange(_ count: Int, work: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let threads = min(threadCount, count)
        guard threads > 1, work >= minimumParallelWork else {
            if count > 0 { body(0..<count) }
            return
        }
        // Handing the closure to other threads boxes it (one allocation per call); the optimizer
        // steps, which must not allocate, use `RangeKernel` values instead.
        withoutActuallyEscaping(body) { body in
            WorkerPool.shared.run(ClosureRanges(body: body, count: count), slices: threads)
        }
    }
}

/// Equal contiguous shares of `0..<count`, one per slice.
private struct ClosureRanges: SliceJob {
    let body: @Sendable (Range<Int>) -> Void
    let count: Int

    func run(slice: Int, of slices: Int) {
        let lower = count * slice / slices
        let upper = count * (slice + 1) / slices
        if lower < upper { body(lower..<upper) }
    }
}
