import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// How many threads optimizer steps use, and the helper that splits a step across them.
///
/// Steps on small problems (a 2D surface, a 200-dimensional quadratic) run on the calling thread:
/// below `minimumParallelCount` elements, dispatch would cost more than it saves.
public enum Parallelism {
    private static let configured = Atomic<Int>(0)
    /// Online processors, read once: Foundation's `activeProcessorCount` re-reads cgroup files
    /// on every call, far too slow for a per-step check.
    private static let processors = max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1)

    /// Coordinates below which a step stays on the calling thread.
    public static let minimumParallelCount = 1 << 16

    /// Threads used by optimizer steps; 0 (the default) means one per active processor.
    public static var threadCount: Int {
        get {
            let value = configured.load(ordering: .relaxed)
            return value > 0 ? value : processors
        }
        set { configured.store(max(newValue, 0), ordering: .relaxed) }
    }

    /// Calls `body` on contiguous slices that together cover `0..<count`, one slice per thread,
    /// slice boundaries on multiples of 64 elements (whole cache lines of Float).
    @inline(__always)
    static func forEachSlice(count: Int, _ body: (Range<Int>) -> Void) {
        let threads = threadCount
        guard threads > 1, count >= minimumParallelCount else {
            body(0..<count)
            return
        }
        withoutActuallyEscaping(body) { body in
            let work = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: threads) { slice in
                let lower = slice == 0 ? 0 : (count * slice / threads) & ~63
                let upper = slice == threads - 1 ? count : (count * (slice + 1) / threads) & ~63
                if lower < upper { work.value(lower..<upper) }
            }
        }
    }

    /// Calls `body` for each index of `groups` split into one contiguous run per thread, balanced
    /// by the given weights (element counts), e.g. to give each thread whole Adam-mini blocks.
    @inline(__always)
    static func forEachGroupRange(boundaries: UnsafeBufferPointer<Int>, total: Int, _ body: (Range<Int>) -> Void) {
        let threads = threadCount
        let groups = boundaries.count
        guard threads > 1, total >= minimumParallelCount, groups > 1 else {
            body(0..<groups)
            return
        }
        let sortedStarts = UncheckedSendable(boundaries)
        withoutActuallyEscaping(body) { body in
            let work = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: threads) { slice in
                let boundaries = sortedStarts.value
                // boundaries[k] is the first element of group k: a thread takes the groups that
                // start inside its share of the elements.
                let lower = firstIndex(in: boundaries, atLeast: total * slice / threads)
                let upper = slice == threads - 1 ? groups : firstIndex(in: boundaries, atLeast: total * (slice + 1) / threads)
                if lower < upper { work.value(lower..<upper) }
            }
        }
    }

    private static func firstIndex(in sorted: UnsafeBufferPointer<Int>, atLeast value: Int) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

/// Hands a value that is not `Sendable` to the threads of one `concurrentPerform`: safe here
/// because every thread works on disjoint elements and the call returns only when all are done.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}
