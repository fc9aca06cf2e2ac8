import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A kernel over a range of coordinates (or of groups of them), the unit threads share out.
protocol RangeKernel {
    /// Processes `range`.
    func run(_ range: Range<Int>)
}

/// How many threads optimizer steps use, and how a step is split across them.
///
/// Steps on small problems (a 2D surface, a 200-dimensional quadratic) run on the calling thread:
/// below `minimumParallelCount` elements, waking threads would cost more than it saves.
public enum Parallelism {
    private static let configured = Atomic<Int>(0)
    /// Online processors, read once: Foundation's `activeProcessorCount` re-reads cgroup files
    /// on every call, far too slow for a per-step check.
    private static let processors = max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1)

    /// Coordinates below which a step stays on the calling thread.
    public static let minimumParallelCount = 1 << 16

    /// Threads used by optimizer steps; 0 (the default) means one per online processor.
    public static var threadCount: Int {
        get {
            let value = configured.load(ordering: .relaxed)
            return value > 0 ? value : processors
        }
        set { configured.store(max(newValue, 0), ordering: .relaxed) }
    }

    /// Runs `kernel` over `0..<count` in contiguous slices, one per thread, slice boundaries on
    /// multiples of 64 elements (whole cache lines of Float).
    @inline(__always)
    static func forEachSlice<Kernel: RangeKernel>(count: Int, _ kernel: Kernel) {
        let threads = threadCount
        guard threads > 1, count >= minimumParallelCount else {
            kernel.run(0..<count)
            return
        }
        WorkerPool.shared.run(ElementSlices(kernel: kernel, count: count), slices: threads)
    }

    /// Runs `kernel` over group indices `0..<boundaries.count`, one contiguous range of groups
    /// per thread, balanced by elements: `boundaries[k]` is the first element of group k (e.g. a
    /// chunk of whole Adam-mini blocks).
    @inline(__always)
    static func forEachGroupRange<Kernel: RangeKernel>(boundaries: UnsafeBufferPointer<Int>, total: Int, _ kernel: Kernel) {
        let threads = threadCount
        guard threads > 1, total >= minimumParallelCount, boundaries.count > 1 else {
            kernel.run(0..<boundaries.count)
            return
        }
        WorkerPool.shared.run(GroupSlices(kernel: kernel, boundaries: boundaries, total: total), slices: threads)
    }
}

/// Slices of a flat range.
private struct ElementSlices<Kernel: RangeKernel>: SliceJob {
    let kernel: Kernel
    let count: Int

    func run(slice: Int, of slices: Int) {
        let lower = slice == 0 ? 0 : (count * slice / slices) & ~63
        let upper = slice == slices - 1 ? count : (count * (slice + 1) / slices) & ~63
        if lower < upper { kernel.run(lower..<upper) }
    }
}

/// Slices of a list of groups, balanced by the elements the groups cover.
private struct GroupSlices<Kernel: RangeKernel>: SliceJob {
    let kernel: Kernel
    let boundaries: UnsafeBufferPointer<Int>
    let total: Int

    func run(slice: Int, of slices: Int) {
        // A thread takes the groups that start inside its share of the elements.
        let lower = firstIndex(atLeast: total * slice / slices)
        let upper = slice == slices - 1 ? boundaries.count : firstIndex(atLeast: total * (slice + 1) / slices)
        if lower < upper { kernel.run(lower..<upper) }
    }

    private func firstIndex(atLeast value: Int) -> Int {
        var low = 0, high = boundaries.count
        while low < high {
            let mid = (low + high) / 2
            if boundaries[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
