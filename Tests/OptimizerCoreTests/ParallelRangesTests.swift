@testable import OptimizerCore
import Synchronization
import XCTest

/// `Parallelism.forEachRange`, the worker pool's loop for code that is not an optimizer kernel.
final class ParallelRangesTests: XCTestCase {
    override func tearDown() { Parallelism.threadCount = 0 }

    /// Each index is handled once, in contiguous ranges, for any thread count.
    func testEveryIndexIsHandledOnce() {
        for threads in [1, 2, 3, 8] {
            Parallelism.threadCount = threads
            for count in [0, 1, 2, 7, 1000] {
                let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(count, 1))
                counts.initialize(repeating: 0)
                defer { counts.deallocate() }
                let shared = Shared(counts.baseAddress!)
                let calls = Atomic<Int>(0)
                Parallelism.forEachRange(count, work: .max) { range in
                    calls.add(1, ordering: .relaxed)
                    for i in range { shared.pointer[i] += 1 }
                }
                XCTAssertEqual(Array(counts.prefix(count)), [Int](repeating: 1, count: count), "\(threads) threads, \(count) rows")
                XCTAssertLessThanOrEqual(calls.load(ordering: .relaxed), max(1, min(2 * threads, count)))
            }
        }
    }

    /// Small work stays on the calling thread as one range.
    func testSmallWorkIsOneRange() {
        Parallelism.threadCount = 4
        let calls = Atomic<Int>(0)
        Parallelism.forEachRange(100, work: Parallelism.minimumParallelWork - 1) { range in
            XCTAssertEqual(range, 0..<100)
            calls.add(1, ordering: .relaxed)
        }
        XCTAssertEqual(calls.load(ordering: .relaxed), 1)
    }

    /// A loop inside a loop's body (layers inside a Hessian's columns) runs on its caller's thread
    /// instead of waiting for workers that are busy with the outer loop.
    func testNestedLoopsFinish() {
        Parallelism.threadCount = 2
        let total = Atomic<Int>(0)
        Parallelism.forEachRange(4, work: .max) { outer in
            for _ in outer {
                XCTAssertTrue(WorkerPool.isInsideJob)
                Parallelism.forEachRange(1000, work: .max) { inner in
                    total.add(inner.count, ordering: .relaxed)
                }
            }
        }
        XCTAssertEqual(total.load(ordering: .relaxed), 4000)
        XCTAssertFalse(WorkerPool.isInsideJob, "the caller is marked only while it runs its slice")
    }

    /// Many short jobs back to back, most of whose slices the caller takes back from workers that
    /// have not woken yet: every slice of every job still runs exactly once, and never after its
    /// job has returned (a late wake-up finds its slice taken and does nothing).
    func testEverySliceRunsOnceWhenTheCallerTakesSlicesBack() {
        let threads = 4, jobs = 20_000
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: jobs * threads)
        counts.initialize(repeating: 0)
        defer { counts.deallocate() }
        let shared = Shared(counts.baseAddress!)
        let flags = JobFlags()
        for job in 0..<jobs {
            flags.job.store(job, ordering: .sequentiallyConsistent)
            WorkerPool.shared.run(CountingSlices(counts: shared, job: job, flags: flags), slices: threads)
        }
        flags.job.store(-1, ordering: .sequentiallyConsistent)
        XCTAssertEqual(flags.lateRuns.load(ordering: .relaxed), 0)
        XCTAssertGreaterThan(flags.takenBack.load(ordering: .relaxed), 0, "slices 1... this small are taken back by the caller")
        var wrong = 0
        for index in 0..<(jobs * threads) where counts[index] != 1 { wrong += 1 }
        XCTAssertEqual(wrong, 0, "slices that ran other than once")
    }
}

/// The job running now, and how many slices ran while another job was.
private final class JobFlags: Sendable {
    let job = Atomic<Int>(-1)
    let lateRuns = Atomic<Int>(0)
    /// Slices other than 0 that ran on the calling thread.
    let takenBack = Atomic<Int>(0)
    let caller = pthread_self()
}

/// Counts how often each slice of job `job` runs, and whether one ran after the job returned.
private struct CountingSlices: SliceJob {
    let counts: Shared
    let job: Int
    let flags: JobFlags

    func run(slice: Int, of slices: Int) {
        if flags.job.load(ordering: .sequentiallyConsistent) != job { flags.lateRuns.add(1, ordering: .relaxed) }
        if slice > 0, pthread_equal(pthread_self(), flags.caller) != 0 { flags.takenBack.add(1, ordering: .relaxed) }
        counts.pointer[job * slices + slice] += 1
    }
}

private struct Shared: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Int>
    init(_ pointer: UnsafeMutablePointer<Int>) { self.pointer = pointer }
}
