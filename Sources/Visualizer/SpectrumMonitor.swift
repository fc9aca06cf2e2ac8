import Dispatch
import Foundation
import Objectives
import OptimizerCore

/// The block spectra the spectrum view shows, worked out off the drawing path as the curvature
/// is (`CurvatureMonitor`): eigenvalues of a 1000-coordinate Hessian take longer than a frame,
/// so the view asks for the Hessian it shows, draws progress until the result is in, and a new
/// request stops a job whose Hessian is no longer wanted.
///
/// In synchronous mode (headless rendering, tests) the work runs inside `observe`.
public final class SpectrumMonitor: @unchecked Sendable {
    /// What to work out: named blocks of one or more symmetric operators, and optionally the
    /// spectrum of the whole (the full density).
    public struct Job: Sendable {
        /// Which Hessian this is, so a result is matched to the request it answers.
        public let key: String
        /// Each operator with the blocks of it wanted (together, in order, the view's blocks).
        public let parts: [(matrix: SymmetricOperator, blocks: [SpectrumBlock])]
        /// The operator whose whole spectrum is the full density, when there is one.
        public let full: SymmetricOperator?

        /// Creates a job.
        public init(key: String, parts: [(matrix: SymmetricOperator, blocks: [SpectrumBlock])], full: SymmetricOperator?) {
            self.key = key
            self.parts = parts
            self.full = full
        }

        /// Blocks to estimate, the full spectrum counting as one.
        var taskCount: Int { parts.reduce(0) { $0 + $1.blocks.count } + (full == nil ? 0 : 1) }
    }

    /// The spectra of one job.
    public struct Result: Sendable {
        /// The job's key.
        public let key: String
        /// Densities on one grid and the JS distances between blocks.
        public let heterogeneity: BlockHeterogeneity
    }

    /// How far the running job has got.
    public struct Progress: Sendable, Equatable {
        /// The key of the job.
        public let key: String
        /// Blocks (and the full spectrum) done.
        public let done: Int
        /// Blocks (and the full spectrum) in all.
        public let total: Int
        /// How far into the block under way, 0 to 1.
        public let within: Double
    }

    /// The settings the view's spectra use: the paper's.
    public static let settings = SpectrumSettings()

    private let mode: CurvatureMonitor.Mode
    private let lock = NSLock()
    private let queue = DispatchQueue(label: "descent.spectrum", qos: .userInitiated)
    private var newest: Result?
    private var running: Progress?
    private var waiting: Job?
    private var wanted: String?

    /// Creates a monitor that works in `mode`.
    public init(mode: CurvatureMonitor.Mode = .synchronous) {
        self.mode = mode
    }

    /// Asks for the spectra of `job` (nothing when they are in, or under way).
    public func observe(_ job: Job) {
        lock.lock()
        wanted = job.key
        if newest?.key == job.key || running?.key == job.key {
            lock.unlock()
            return
        }
        switch mode {
        case .synchronous:
            lock.unlock()
            if let result = Self.work(job, workers: Parallelism.threadCount, report: { _ in true }) { store(result, finishingJob: false) }
        case .background:
            waiting = job
            let idle = running == nil
            lock.unlock()
            if idle { startNext() }
        }
    }

    /// The result for `key`, or nil while it is worked out.
    public func result(for key: String) -> Result? {
        lock.lock()
        defer { lock.unlock() }
        return newest?.key == key ? newest : nil
    }

    /// The progress of the job for `key`, when it is the one running.
    public func progress(for key: String) -> Progress? {
        lock.lock()
        defer { lock.unlock() }
        return running?.key == key ? running : nil
    }

    /// Whether a job is running or waiting (the session then redraws soon to show it).
    public var isBusy: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running != nil || waiting != nil
    }

    private func startNext() {
        lock.lock()
        guard running == nil, let job = waiting else {
            lock.unlock()
            return
        }
        waiting = nil
        running = Progress(key: job.key, done: 0, total: job.taskCount, within: 0)
        lock.unlock()
        queue.async { [self] in
            // One thread: the session's own work (a network's training steps) keeps the pool.
            let result = Self.work(job, workers: 1) { [self] progress in
                lock.lock()
                defer { lock.unlock() }
                running = progress
                return wanted == job.key
            }
            if let result {
                store(result, finishingJob: true)
            } else {
                lock.lock()
                running = nil
                lock.unlock()
            }
            startNext()
        }
    }

    private func store(_ result: Result, finishingJob: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if finishingJob { running = nil }
        newest = result
    }

    /// The job's spectra, reporting progress after every block and within it; nil when `report`
    /// says to stop.
    static func work(_ job: Job, workers: Int, report: @escaping @Sendable (Progress) -> Bool) -> Result? {
        let total = job.taskCount
        var spectra: [BlockSpectrum] = []
        var full: BlockSpectrum?
        var tasks: [(SymmetricOperator, SpectrumBlock, isFull: Bool)] = job.parts.flatMap { part in part.blocks.map { (part.matrix, $0, false) } }
        if let whole = job.full { tasks.append((whole, SpectrumBlock(name: "full", range: 0..<whole.dimension), true)) }
        for (index, task) in tasks.enumerated() {
            guard report(Progress(key: job.key, done: index, total: total, within: 0)) else { return nil }
            let done = index
            let estimate = SpectrumEstimator.spectra(of: task.0, blocks: [task.1], settings: settings, workers: workers) { step in
                report(Progress(key: job.key, done: done, total: total, within: step.fraction))
            }
            guard let spectrum = estimate?.first else { return nil }
            if task.isFull { full = spectrum } else { spectra.append(spectrum) }
        }
        return Result(key: job.key, heterogeneity: BlockHeterogeneity(blocks: spectra, full: full, settings: settings))
    }
}
