import Dispatch
import Foundation
import Scenarios

/// The preconditioned curvature of the step on screen, for every racer, worked out off the
/// drawing path: the spectrum of P^1/2 H P^1/2 costs O(n^3), which at n = 1000 takes longer than
/// many frames, so the session asks for the step it shows and draws the newest result it has.
///
/// Only steps that were on screen are analysed, never every step run between frames; each result
/// also adds a point to its racer's sharpness history (lambda_max against step). In synchronous
/// mode (headless rendering, tests) the analysis runs inside `observe`.
public final class CurvatureMonitor: @unchecked Sendable {
    /// Where the analysis runs.
    public enum Mode: Sendable {
        /// Inside `observe`: deterministic, for `descent render` and tests.
        case synchronous
        /// On a background queue: `observe` returns at once.
        case background
    }

    /// The curvatures of every racer at one step of one run.
    public struct Result: Sendable {
        /// The run the result belongs to (`Timeline.generation`).
        public let generation: Int
        /// The step analysed.
        public let step: Int
        /// Each racer's curvature; nil before an adaptive method's first update or after divergence.
        public let racers: [PreconditionedCurvature?]
    }

    /// One point of a sharpness history.
    public struct SharpnessPoint: Sendable, Equatable {
        /// The step.
        public let step: Int
        /// lambda_max of P^1/2 H P^1/2.
        public let lambdaMax: Double
        /// The optimizer's stability threshold.
        public let threshold: Double
    }

    /// Points kept per racer before the history is thinned (every other one goes).
    static let historyLimit = 4096

    private let mode: Mode
    private let lock = NSLock()
    private let queue = DispatchQueue(label: "descent.curvature", qos: .userInitiated)
    private var newest: Result?
    private var history: [Int: [SharpnessPoint]] = [:]
    private var historyGeneration = -1
    private var running: (generation: Int, step: Int)?
    private var waiting: (generation: Int, step: Int, race: AnyRace)?

    /// Creates a monitor that analyses in `mode`.
    public init(mode: Mode = .synchronous) {
        self.mode = mode
    }

    /// Asks for the curvature at the state's step (nothing for networks, which have no exact Hessian here).
    public func observe(_ state: AppState) {
        guard state.timeline.race.objective != nil else { return }
        let generation = state.timeline.generation, step = state.step
        lock.lock()
        if let newest, newest.generation == generation, newest.step == step {
            lock.unlock()
            return
        }
        if let running, running == (generation, step) {
            lock.unlock()
            return
        }
        switch mode {
        case .synchronous:
            lock.unlock()
            store(Self.analyse(state.timeline.race, generation: generation), finishingJob: false)
        case .background:
            waiting = (generation, step, state.timeline.race)
            let idle = running == nil
            lock.unlock()
            if idle { startNext() }
        }
    }

    /// The newest result of the state's run: at its step, or at an earlier one while that is computed.
    public func result(for state: AppState) -> Result? {
        lock.lock()
        defer { lock.unlock() }
        guard let newest, newest.generation == state.timeline.generation else { return nil }
        return newest
    }

    /// Racer `index`'s sharpness at the steps analysed so far in the state's run, up to its step.
    public func sharpness(racer index: Int, in state: AppState) -> [SharpnessPoint] {
        lock.lock()
        defer { lock.unlock() }
        guard historyGeneration == state.timeline.generation else { return [] }
        return (history[index] ?? []).filter { $0.step <= state.step }
    }

    /// Whether an analysis is running or waiting (the session then redraws soon to show it).
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
        running = (job.generation, job.step)
        lock.unlock()
        queue.async { [self] in
            store(Self.analyse(job.race, generation: job.generation), finishingJob: true)
            startNext()
        }
    }

    /// Keeps a result; a background job is marked done in the same breath, so nobody sees its
    /// result while it still counts as running.
    private func store(_ result: Result, finishingJob: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if finishingJob { running = nil }
        if historyGeneration != result.generation {
            history = [:]
            historyGeneration = result.generation
        }
        for (index, curvature) in result.racers.enumerated() {
            guard let curvature else { continue }
            var points = history[index] ?? []
            points.removeAll { $0.step == result.step }
            let point = SharpnessPoint(step: result.step, lambdaMax: curvature.lambdaMax, threshold: curvature.threshold)
            let position = points.firstIndex { $0.step > result.step } ?? points.count
            points.insert(point, at: position)
            if points.count > Self.historyLimit {
                points = points.enumerated().filter { $0.offset % 2 == 0 || $0.offset == points.count - 1 }.map(\.element)
            }
            history[index] = points
        }
        newest = result
    }

    private static func analyse(_ race: AnyRace, generation: Int) -> Result {
        Result(generation: generation, step: race.step, racers: (0..<race.count).map { race.preconditionedCurvature(racer: $0) })
    }
}
