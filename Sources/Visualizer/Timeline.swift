import OptimizerCore
import Scenarios

/// The run so far: the current race, the drawn paths and losses, and enough snapshots to step
/// back exactly.
///
/// Rewinding restores a recorded `AnyRace` value, so stepping back and forward again reproduces
/// every parameter bit for bit. Memory stays bounded: every state of the last `window` steps is
/// kept, plus a snapshot every `checkpointInterval` steps; older steps are recomputed forward from
/// the nearest snapshot, which is deterministic (gradient noise lives in the racers' own seeded
/// generators).
public struct Timeline: Sendable {
    /// Steps whose full state is kept for instant rewinding.
    public static let window = 256
    /// Spacing of the snapshots kept for the whole run.
    public static let checkpointInterval = 64

    /// The race at the current step.
    public private(set) var race: AnyRace
    /// Each racer's position in plane coordinates at every step up to the current one.
    public private(set) var paths: [[SIMD2<Double>]]
    /// Each racer's loss at every step up to the current one.
    public private(set) var losses: [[Double]]
    /// The plane paths are projected onto.
    public let plane: SurfacePlane

    private var origin: AnyRace
    private var checkpoints: [Int: AnyRace]
    /// Consecutive states ending with the current one.
    private var recent: [AnyRace]

    /// Starts at step 0 of `race`.
    public init(race: AnyRace, plane: SurfacePlane) {
        self.race = race
        self.plane = plane
        origin = race
        checkpoints = [0: race]
        recent = [race]
        paths = Array(repeating: [], count: race.count)
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
            if recent.count > Self.window { recent.removeFirst(recent.count - Self.window) }
            if race.step % Self.checkpointInterval == 0 { checkpoints[race.step] = race }
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
            }
            recent = Array(states.suffix(Self.window))
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
        truncate(to: 0)
    }

    /// Gives racer `index` a new configuration and recomputes the whole run up to the current
    /// step with it (the other racers are unchanged: each racer's updates depend only on itself).
    public mutating func retune(racer index: Int, configuration: OptimizerConfiguration) throws(PartitionError) {
        let target = race.step
        var base = origin
        try base.retune(racer: index, configuration: configuration)
        origin = base
        reset()
        forward(target)
    }

    /// Restarts every racer from `point` (parameter space) at step 0.
    public mutating func restart(from point: [Double]) throws(PartitionError) {
        var base = origin
        try base.restart(from: point)
        origin = base
        reset()
    }

    /// The race at step 0 (with the current settings and start): exports replay from here.
    public var initialRace: AnyRace { origin }

    private mutating func record() {
        for i in 0..<race.count {
            paths[i].append(plane.project(race.lastFinitePoint(i)))
            losses[i].append(race.loss(i))
        }
    }

    private mutating func truncate(to step: Int) {
        for i in paths.indices {
            paths[i].removeLast(max(0, paths[i].count - (step + 1)))
            losses[i].removeLast(max(0, losses[i].count - (step + 1)))
        }
    }
}
