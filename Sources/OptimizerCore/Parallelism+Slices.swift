/// Coarse parallel work on the one worker pool the optimizer steps use.
extension Parallelism {
    /// Whether the calling thread is running a slice of pool work: parallel loops nested inside
    /// it should run inline, the pool's threads being busy with the outer work.
    public static var isInsideParallelWork: Bool { WorkerPool.isInsideJob }

    /// Runs `body(slice)` for every slice in 0 ..< `slices` on the shared workers (slice 0 on the
    /// calling thread) and returns when all are done; inside other pool work, or with one slice,
    /// the slices run in turn on the calling thread.
    ///
    /// For coarse work (each slice milliseconds or more): unlike the optimizer kernels, the
    /// closure is boxed once per call.
    public static func forEachSlice(_ slices: Int, _ body: (Int) -> Void) {
        guard slices > 0 else { return }
        withoutActuallyEscaping(body) { body in
            WorkerPool.shared.run(ClosureSlices(body: body), slices: slices)
        }
    }
}

/// A closure run once per slice.
private struct ClosureSlices: SliceJob {
    let body: (Int) -> Void

    func run(slice: Int, of slices: Int) { body(slice) }
}
