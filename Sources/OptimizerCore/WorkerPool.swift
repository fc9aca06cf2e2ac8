import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Work that can be split into numbered slices, run on several threads at once.
protocol SliceJob {
    /// Runs slice `slice` of `slices`.
    func run(slice: Int, of slices: Int)
}

extension SliceJob {
    /// Calls `run` on a job of this type behind a raw pointer: how workers reach a job without
    /// knowing its type. `WorkerPool.run` takes it as a function value where `Self` is concrete,
    /// so the workers run the job's specialised code (a call through the metatype would run the
    /// unspecialised generic one) and, capturing nothing, it needs no allocation.
    static func invoke(_ job: UnsafeRawPointer, slice: Int, of slices: Int) {
        job.assumingMemoryBound(to: Self.self).pointee.run(slice: slice, of: slices)
    }
}

/// Persistent threads that share out one optimizer step without allocating.
///
/// `DispatchQueue.concurrentPerform` allocates on every call, and so does handing a closure to
/// another thread (`withoutActuallyEscaping` boxes it); a training loop stepping thousands of
/// times would allocate thousands of times. These workers start once, are woken by semaphores
/// and read the job from the caller's stack through a pointer and its metatype.
final class WorkerPool: @unchecked Sendable {
    /// The pool every kernel uses.
    static let shared = WorkerPool()

    private final class Worker: @unchecked Sendable {
        let start = DispatchSemaphore(value: 0)
        var slice = 0
        /// `idle`, `posted` (a slice is waiting for this worker) or `running`. A worker takes a
        /// posted slice by moving it to running; the caller takes it back by moving it to idle.
        /// Whoever wins runs the slice, so each posted slice runs exactly once, and a wake-up
        /// that finds its slice taken back (a stale semaphore signal) does nothing.
        let state = Atomic<Int>(Worker.idle)
        static let idle = 0, posted = 1, running = 2
    }

    private var workers: [Worker] = []
    private let finished = DispatchSemaphore(value: 0)
    private let callers = NSLock()
    /// The running job and its type: written before the workers are woken, cleared after they
    /// all finish; the semaphores order these accesses.
    private var job: UnsafeRawPointer?
    private var invoke: ((UnsafeRawPointer, Int, Int) -> Void)?
    private var slices = 0
    /// The caller's floating-point mode: workers run its job in it, so a caller that flushes
    /// subnormals gets the same arithmetic on every slice.
    private var mode = FloatingPointMode.current
    /// Whether the caller runs slices whose workers have not woken yet. Tests turn it off (while
    /// no job runs) so that slices too small to outlast a wake-up still reach the workers.
    var takesSlicesBack = true

    /// Marks the threads that are running a slice of a job (the workers, and a caller during its
    /// slice 0), whose value is non-nil on such a thread.
    private static let insideJob: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "no thread-specific key left")
        return key
    }()
    /// Any non-nil value marks a thread; a computed one, since raw pointers are not `Sendable`.
    private static var insideJobMark: UnsafeRawPointer? { UnsafeRawPointer(bitPattern: 1) }

    /// Whether the calling thread is running a slice of a job.
    static var isInsideJob: Bool { pthread_getspecific(insideJob) != nil }

    /// Runs slices 0 ..< `slices` of `job`, slice 0 on the calling thread, and returns when all
    /// are done.
    ///
    /// A slice whose worker has not woken by the time the caller finishes its own runs on the
    /// caller instead: on a busy machine a worker can take a millisecond to be scheduled, and the
    /// caller would otherwise wait that long (for piece jobs, whose slices take pieces until none
    /// are left, the taken-back slice finds nothing to do).
    ///
    /// A job started from inside another job's slice (a parallel loop over networks whose layers
    /// have parallel loops of their own) runs whole on the calling thread: the workers are already
    /// busy with the outer job, and waiting for them would never end.
    func run<Job: SliceJob>(_ job: Job, slices: Int) {
        guard slices > 1, !Self.isInsideJob else {
            job.run(slice: 0, of: 1)
            return
        }
        // One job at a time: a second caller waits rather than sharing the workers.
        callers.lock()
        defer { callers.unlock() }
        growIfNeeded(to: slices - 1)
        withUnsafePointer(to: job) { pointer in
            self.job = UnsafeRawPointer(pointer)
            invoke = Job.invoke
            self.slices = slices
            mode = FloatingPointMode.current
            for index in 1..<slices {
                let worker = workers[index - 1]
                worker.slice = index
                worker.state.store(Worker.posted, ordering: .releasing)
                worker.start.signal()
            }
            pthread_setspecific(Self.insideJob, Self.insideJobMark)
            job.run(slice: 0, of: slices)
            var started = 0
            for index in 1..<slices {
                if takesSlicesBack, workers[index - 1].state.compareExchange(expected: Worker.posted, desired: Worker.idle, ordering: .acquiring).exchanged {
                    job.run(slice: index, of: slices)
                } else {
                    started += 1
                }
            }
            pthread_setspecific(Self.insideJob, nil)
            for _ in 0..<started { finished.wait() }
            self.job = nil
            invoke = nil
        }
    }

    private func growIfNeeded(to count: Int) {
        while workers.count < count {
            let worker = Worker()
            workers.append(worker)
            let thread = Thread { [unowned self] in
                pthread_setspecific(Self.insideJob, Self.insideJobMark)
                while true {
                    worker.start.wait()
                    guard worker.state.compareExchange(expected: Worker.posted, desired: Worker.running, ordering: .acquiring).exchanged else {
                        continue
                    }
                    if let job = self.job, let invoke = self.invoke {
                        // These threads run nothing but jobs, so each job's mode can simply stay
                        // set until the next job sets its own.
                        if FloatingPointMode.current != self.mode { self.mode.apply() }
                        invoke(job, worker.slice, self.slices)
                    }
                    worker.state.store(Worker.idle, ordering: .releasing)
                    self.finished.signal()
                }
            }
            thread.name = "descent-step-\(workers.count)"
            thread.start()
        }
    }
}
