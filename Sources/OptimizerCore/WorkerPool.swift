import Dispatch
import Foundation
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
    /// knowing its type, through a metatype (which, unlike a closure, needs no allocation).
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
    }

    private var workers: [Worker] = []
    private let finished = DispatchSemaphore(value: 0)
    private let callers = NSLock()
    /// The running job and its type: written before the workers are woken, cleared after they
    /// all finish; the semaphores order these accesses.
    private var job: UnsafeRawPointer?
    private var jobType: (any SliceJob.Type)?
    private var slices = 0
    /// The caller's floating-point mode: workers run its job in it, so a caller that flushes
    /// subnormals gets the same arithmetic on every slice.
    private var mode = FloatingPointMode.current

    /// Marks the threads that are running a slice of a job (the workers, always; a caller while
    /// its slice 0 runs): a job started from inside a job runs inline instead of waiting for the
    /// workers its own caller holds, which would deadlock.
    private static let insideJob: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Whether the calling thread is running a slice of a job.
    static var isInsideJob: Bool { pthread_getspecific(insideJob) != nil }

    /// Runs slices 0 ..< `slices` of `job`, slice 0 on the calling thread, and returns when all
    /// are done. Called from inside a job, it runs every slice in turn on the calling thread.
    func run<Job: SliceJob>(_ job: Job, slices: Int) {
        guard slices > 1 else {
            job.run(slice: 0, of: 1)
            return
        }
        if Self.isInsideJob {
            for slice in 0..<slices { job.run(slice: slice, of: slices) }
            return
        }
        // One job at a time: a second caller waits rather than sharing the workers.
        callers.lock()
        defer { callers.unlock() }
        pthread_setspecific(Self.insideJob, UnsafeRawPointer(bitPattern: 1))
        defer { pthread_setspecific(Self.insideJob, nil) }
        growIfNeeded(to: slices - 1)
        withUnsafePointer(to: job) { pointer in
            self.job = UnsafeRawPointer(pointer)
            jobType = Job.self
            self.slices = slices
            mode = FloatingPointMode.current
            for index in 1..<slices {
                workers[index - 1].slice = index
                workers[index - 1].start.signal()
            }
            job.run(slice: 0, of: slices)
            for _ in 1..<slices { finished.wait() }
            self.job = nil
            jobType = nil
        }
    }

    private func growIfNeeded(to count: Int) {
        while workers.count < count {
            let worker = Worker()
            workers.append(worker)
            let thread = Thread { [unowned self] in
                pthread_setspecific(Self.insideJob, UnsafeRawPointer(bitPattern: 1))
                while true {
                    worker.start.wait()
                    if let job = self.job, let type = self.jobType {
                        // These threads run nothing but jobs, so each job's mode can simply stay
                        // set until the next job sets its own.
                        if FloatingPointMode.current != self.mode { self.mode.apply() }
                        type.invoke(job, slice: worker.slice, of: self.slices)
                    }
                    self.finished.signal()
                }
            }
            thread.name = "descent-step-\(workers.count)"
            thread.start()
        }
    }
}
