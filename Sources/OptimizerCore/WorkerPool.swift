import Dispatch
import Foundation

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

    /// Runs slices 0 ..< `slices` of `job`, slice 0 on the calling thread, and returns when all
    /// are done.
    func run<Job: SliceJob>(_ job: Job, slices: Int) {
        guard slices > 1 else {
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
                workers[index - 1].slice = index
                workers[index - 1].start.signal()
            }
            job.run(slice: 0, of: slices)
            for _ in 1..<slices { finished.wait() }
            self.job = nil
            invoke = nil
        }
    }

    private func growIfNeeded(to count: Int) {
        while workers.count < count {
            let worker = Worker()
            workers.append(worker)
            let thread = Thread { [unowned self] in
                while true {
                    worker.start.wait()
                    if let job = self.job, let invoke = self.invoke {
                        // These threads run nothing but jobs, so each job's mode can simply stay
                        // set until the next job sets its own.
                        if FloatingPointMode.current != self.mode { self.mode.apply() }
                        invoke(job, worker.slice, self.slices)
                    }
                    self.finished.signal()
                }
            }
            thread.name = "descent-step-\(workers.count)"
            thread.start()
        }
    }
}
