import Dispatch
import Foundation
import OptimizerCore

/// Splits a loop over independent rows across the machine's cores when the work is large enough
/// to pay for the hand-off.
///
/// Every row is computed by exactly one worker in a fixed order, so results do not depend on the
/// number of cores or on scheduling: training stays bit-for-bit reproducible.
enum ParallelLoop {
    /// Worker count: the active processors, read once.
    static let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Multiply-adds below which a kernel runs on the calling thread (a dispatch costs a few
    /// microseconds, about as long as this much arithmetic).
    static let minimumParallelWork = 1 << 16

    /// Runs `body` over `0..<count` in contiguous chunks, concurrently when `work` (the total
    /// multiply-adds) is large enough and the caller is not already one of several threads
    /// sharing coarser work (Hessian-vector products, one network per thread).
    static func rows(_ count: Int, work: Int, _ body: @Sendable (Range<Int>) -> Void) {
        guard count > 1, workers > 1, work >= minimumParallelWork, !Parallelism.isInsideParallelWork else {
            body(0..<count)
            return
        }
        let chunks = min(count, workers * 2)
        // Dispatch's threads are shared with other work: each chunk runs in the caller's
        // floating-point mode (e.g. subnormals flushed during training) and restores the thread's own.
        let mode = FloatingPointMode.current
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = count * chunk / chunks
            let end = count * (chunk + 1) / chunks
            if start < end { mode.run { body(start..<end) } }
        }
    }
}

/// A raw pointer handed to parallel workers that write disjoint rows of the same buffer.
struct SharedPointer<Scalar>: @unchecked Sendable {
    /// The buffer's first element.
    let base: UnsafeMutablePointer<Scalar>

    /// Wraps a mutable pointer.
    init(_ base: UnsafeMutablePointer<Scalar>) { self.base = base }
    /// Wraps a read-only pointer (the workers only read through it).
    init(_ base: UnsafePointer<Scalar>) { self.base = UnsafeMutablePointer(mutating: base) }
}
