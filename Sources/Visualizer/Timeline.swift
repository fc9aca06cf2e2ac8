import Objectives
import OptimizerCore
import Scenarios

/// The run so far: the current race, the drawn paths and losses, and enough snapshots to step
/// back exactly.
///
/// Rewinding restores a recorded `AnyRace` value, so stepping back and forward again reproduces
/// every parameter bit for bit. Memory stays bounded however long the run: every state of the
/// last `window` steps is kept, plus a snapshot every `checkpointInterval` steps, both within a
/// budget of scalars; when the snapshots outgrow theirs, every other one is dropped and the
/// interval doubles. Older steps are recomputed forward from the nearest snapshot, which is
/// deterministic (gradient noise and batches come from the racers' own seeded generators).
public struct Timeline: Sendable {
    /// Most steps whose full state is kept for instant rewinding.
    public static let maximumWindow = 256
    /// Spacing of the snapshots at the start of a run.
    public static let initialCheckpointInterval = 64
    /// Scalars the recent states may hold together by default (8 bytes each at most: 32 MB).
    public static let defaultRecentBudget = 4 << 20
    /// Scalars the snapshots may hold together before they are thinned, by default (32 MB at most).
    public static let defaultCheckpointBudget = 4 << 20

    /// Points of history kept per racer before it is thinned (paths and losses).
    public static let defaultHistoryLimit = 1 << 15
    /// Snapshots kept at most, whatever their size (each copy of a race has some overhead).
    public static let maximumCheckpoints = 1024

    /// The race at the current step.
    public private(set) var race: AnyRace
    /// Each racer's position in plane coordinates at steps 0, s, 2s, ... and at the current step,
    /// s being `historyStride` (empty when there is no plane to draw on).
    public private(set) var paths: [[SIMD2<Double>]]
    /// Each racer's loss at the same steps as `paths`.
    public private(set) var losses: [[Double]]
    /// For a quadratic, each racer's per-block errors e_b at the same steps as `losses` (one array
    /// of `blockCount` values per point); empty otherwise or past `maximumErrorBlocks` blocks.
    public private(set) var blockErrors: [[[Double]]]
    /// Most blocks whose errors are recorded: more curves than this would not read as curves.
    public static let maximumErrorBlocks = 24
    /// Steps between recorded points: 1 until a run outgrows the history limit, then doubling
    /// each time it does again, so drawing and memory stay bounded however long the run.
    public private(set) var historyStride = 1
    /// What the scenario's claims are judged on, kept in step with the run.
    public private(set) var claims: ClaimTracker
    /// The plane paths are projected onto, if the problem has one.
    public let plane: SurfacePlane?
    /// Steps whose full state is kept for instant rewinding, for this race's size.
    public let window: Int
    /// Current spacing of the snapshots kept for the whole run.
    public private(set) var checkpointInterval = Timeline.initialCheckpointInterval
    /// Counts retunes and restarts: what was measured on an earlier generation is not this run's.
    public private(set) var generation = 0

    private var origin: AnyRace
    private var checkpoints: [Int: AnyRace]
    /// Consecutive states ending with the current one.
    private var recent: [AnyRace]
    private let stateSize: Int
    private let checkpointBudget: Int
    private let historyLimit: Int

    /// Starts at step 0 of `race`, keeping recent states and snapshots within budgets of scalars.
    public init(race: AnyRace, plane: SurfacePlane?, recentBudget: Int = Timeline.defaultRecentBudget,
                checkpointBudget: Int = Timeline.defaultCheckpointBudget, historyLimit: Int = Timeline.defaultHistoryLimit,
                claims: ClaimTracker? = nil) {
        self.race = race
        self.claims = claims ?? ClaimTracker(labels: (0..<race.count).map { race.snapshot($0).label })
        self.plane = plane
        origin = race
        checkpoints = [0: race]
        recent = [race]
        stateSize = max(1, race.stateElementCount)
        window = max(2, min(Self.maximumWindow, recentBudget / stateSize))
        self.checkpointBudget = checkpointBudget
        self.historyLimit = max(4, historyLimit)
        paths = Array(repeating: [], count: plane == nil ? 0 : race.count)
        losses = Array(repeating: [], count: race.count)
        let blocks = race.objective?.quadraticModel?.blockCount ?? 0
        blockErrors = Array(repeating: [], count: (1...Self.maximumErrorBlocks).contains(blocks) ? race.count : 0)
        record()
    }

    /// The current step.
    public var step: Int { race.step }

    /// Advances every racer `count` steps, recording paths and snapshots.
    public mutating func forward(_ count: Int = 1) {
        for _ in 0..<max(0, count) {
            race.advance()
            record()
            recent.append(race)
            if recent.count > window { recent.removeFirst(recent.count - window) }
            if race.step % checkpointInterval == 0 {
                checkpoints[race.step] = race
                thinCheckpoints()
            }
        }
    }

    /// Goes back one step to the exact state recorded there; nothing happens at step 0.
    public mutating func back() {
        guard race.step > 0 else { return }
        let target = race.step - 1
        if recent.count >= 2 {
            recent.removeLast()
        } else {
            let base = checkpoints.keys.filter { $0 <= target }.max() ?? 0
            var state = checkpoints[base] ?? origin
            var states = [state]
            while state.step < target {
                state.advance()
                states.append(state)
                if states.count > window { states.removeFirst(states.count - window) }
            }
            recent = states
        }
        race = recent[recent.count - 1]
        for key in checkpoints.keys where key > target { checkpoints[key] = nil }
        truncate(to: target)
    }

    /// Back to step 0, keeping every retuned setting and the start.
    public mutating func reset() {
        race = origin
        recent = [origin]
        checkpoints = [0: origin]
        checkpointInterval = Self.initialCheckpointInterval
        truncate(to: 0)
    }

    /// Gives racer `index` a new configuration and recomputes the whole run up to the current
    /// step with it (the other racers are unchanged: each racer's updates depend only on itself).
    public mutating func retune(racer index: Int, configuration: OptimizerConfiguration) throws(RaceSetupError) {
        let target = race.step
        var base = origin
        try base.retune(racer: index, configuration: configuration)
        origin = base
        generation += 1
        reset()
        forward(target)
    }

    /// Restarts every racer from `point` (parameter space) at step 0.
    public mutating func restart(from point: [Double]) throws(RaceSetupError) {
        var base = origin
        try base.restart(from: point)
        origin = base
        generation += 1
        reset()
    }

    /// The race at step 0 (with the current settings and start): exports replay from here.
    public var initialRace: AnyRace { origin }

    /// Snapshots kept for the whole run (for memory reports and tests).
    public var checkpointCount: Int { checkpoints.count }

    /// Keeps the snapshots within their budget: every other one goes and the spacing doubles.
    private mutating func thinCheckpoints() {
        while checkpoints.count > 2,
              checkpoints.count * stateSize > checkpointBudget || checkpoints.count > Self.maximumCheckpoints {
            checkpointInterval *= 2
            for key in checkpoints.keys where key % checkpointInterval != 0 { checkpoints[key] = nil }
        }
    }

    /// Recorded points on the stride's grid (steps 0, s, 2s, ... up to `step`).
    private func gridCount(upTo step: Int) -> Int { step / historyStride + 1 }

    /// Records the current step: the previous point stays only if it is on the grid.
    private mutating func record() {
        let step = race.step
        let onGrid = step > 0 ? gridCount(upTo: step - 1) : 0
        for i in losses.indices where losses[i].count > onGrid {
            losses[i].removeLast(losses[i].count - onGrid)
            if !paths.isEmpty { paths[i].removeLast(paths[i].count - onGrid) }
            if !blockErrors.isEmpty { blockErrors[i].removeLast(blockErrors[i].count - onGrid) }
        }
        appendCurrent()
        claims.record(race)
        if losses.first.map({ $0.count > historyLimit }) ?? false { thinHistory() }
    }

    private mutating func appendCurrent() {
        for i in 0..<race.count {
            if let plane { paths[i].append(plane.project(race.lastFinitePoint(i))) }
            losses[i].append(race.loss(i))
        }
        if !blockErrors.isEmpty, let quadratic = race.objective?.quadraticModel {
            for i in 0..<race.count {
                // A diverged racer's errors are not finite: its last finite point is not where it is.
                let errors = race.loss(i).isFinite ? quadratic.blockErrors(at: race.lastFinitePoint(i))
                    : Array(repeating: .infinity, count: quadratic.blockCount)
                blockErrors[i].append(errors)
            }
        }
    }

    /// Keeps every other grid point and doubles the stride.
    private mutating func thinHistory() {
        let step = race.step
        let currentPoints = paths.map { $0.last }
        let currentLosses = losses.map { $0.last }
        let currentErrors = blockErrors.map { $0.last }
        historyStride *= 2
        let kept = gridCount(upTo: step)
        for i in losses.indices {
            losses[i] = Self.everyOther(losses[i], count: kept)
            if !paths.isEmpty { paths[i] = Self.everyOther(paths[i], count: kept) }
            if !blockErrors.isEmpty { blockErrors[i] = Self.everyOther(blockErrors[i], count: kept) }
        }
        if step % historyStride != 0 {
            for i in losses.indices {
                if i < currentPoints.count, let point = currentPoints[i] { paths[i].append(point) }
                if let loss = currentLosses[i] { losses[i].append(loss) }
                if i < currentErrors.count, let errors = currentErrors[i] { blockErrors[i].append(errors) }
            }
        }
    }

    private static func everyOther<T>(_ values: [T], count: Int) -> [T] {
        var result: [T] = []
        result.reserveCapacity(count + 1)
        var index = 0
        while index < values.count, result.count < count {
            result.append(values[index])
            index += 2
        }
        return result
    }

    /// Drops the history after `step` (the race is already there) and records it as the last point.
    private mutating func truncate(to step: Int) {
        if step == 0 { historyStride = 1 }
        let onGrid = step > 0 ? gridCount(upTo: step - 1) : 0
        for i in losses.indices {
            losses[i].removeLast(max(0, losses[i].count - onGrid))
            if !paths.isEmpty { paths[i].removeLast(max(0, paths[i].count - onGrid)) }
            if !blockErrors.isEmpty { blockErrors[i].removeLast(max(0, blockErrors[i].count - onGrid)) }
        }
        appendCurrent()
        claims.rewind(to: race)
    }
}
