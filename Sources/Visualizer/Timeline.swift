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

    /// The race at the current step.
    public private(set) var race: AnyRace
    /// Each racer's position in plane coordinates at every step up to the current one (empty
    /// when there is no plane to draw on).
    public private(set) var paths: [[SIMD2<Double>]]
    /// Each racer's loss at every step up to the current one.
    public private(set) var losses: [[Double]]
    /// The plane paths are projected onto, if the problem has one.
    public let plane: SurfacePlane?
    /// Steps whose full state is kept for instant rewinding, for this race's size.
    public let window: Int
    /// Current spacing of the snapshots kept for the whole run.
    public private(set) var checkpointInterval = Timeline.initialCheckpointInterval

    private var origin: AnyRace
    private var checkpoints: [Int: AnyRace]
    /// Consecutive states ending with the current one.
    private var recent: [AnyRace]
    private let stateSize: Int
    private let checkpointBudget: Int

    /// Starts at step 0 of `race`, keeping recent states and snapshots within budgets of scalars.
    public init(race: AnyRace, plane: SurfacePlane?, recentBudget: Int = Timeline.defaultRecentBudget,
                checkpointBudget: Int = Timeline.defaultCheckpointBudget) {
        self.race = race
        self.plane = plane
        origin = race
        checkpoints = [0: race]
        recent = [race]
        stateSize = max(1, race.stateElementCount)
        window = max(2, min(Self.maximumWindow, recentBudget / stateSize))
        self.checkpointBudget = checkpointBudget
        paths = Array(repeating: [], count: plane == nil ? 0 : race.count)
        losses = Array(repeating: [], count: race.count)
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
        reset()
        forward(target)
    }

    /// Restarts every racer from `point` (parameter space) at step 0.
    public mutating func restart(from point: [Double]) throws(RaceSetupError) {
        var base = origin
        try base.restart(from: point)
        origin = base
        reset()
    }

    /// The race at step 0 (with the current settings and start): exports replay from here.
    public var initialRace: AnyRace { origin }

    /// Snapshots kept for the whole run (for memory reports and tests).
    public var checkpointCount: Int { checkpoints.count }

    /// Keeps the snapshots within their budget: every other one goes and the spacing doubles.
    private mutating func thinCheckpoints() {
        while checkpoints.count > 2, checkpoints.count * stateSize > checkpointBudget {
            checkpointInterval *= 2
            for key in checkpoints.keys where key % checkpointInterval != 0 { checkpoints[key] = nil }
        }
    }

    private mutating func record() {
        for i in 0..<race.count {
            if let plane { paths[i].append(plane.project(race.lastFinitePoint(i))) }
            losses[i].append(race.loss(i))
        }
    }

    private mutating func truncate(to step: Int) {
        for i in paths.indices { paths[i].removeLast(max(0, paths[i].count - (step + 1))) }
        for i in losses.indices { losses[i].removeLast(max(0, losses[i].count - (step + 1))) }
    }
}
