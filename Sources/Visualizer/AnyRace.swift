import Objectives
import OptimizerCore
import Scenarios

/// A race in either precision, so the app holds one value whatever the scenario's `[run] precision`.
///
/// Like `Race`, it is a value: copying it snapshots every optimizer's parameters and state.
/// Exactly one of the two stored races is set; optional chaining mutates it in place, so stepping
/// does not copy the optimizers' state arrays.
public struct AnyRace: Sendable {
    private var double: Race<Double>?
    private var float: Race<Float>?

    /// Sets up the scenario's optimizers at its start, in the scenario's precision.
    public init(scenario: Scenario) throws(PartitionError) {
        switch scenario.settings.precision {
        case .double: double = try Race<Double>(scenario: scenario)
        case .float: float = try Race<Float>(scenario: scenario)
        }
    }

    /// Updates taken so far.
    public var step: Int { double?.step ?? float?.step ?? 0 }

    /// The objective every racer minimises.
    public var objective: any Objective { double?.objective ?? float!.objective }

    /// Where every racer started.
    public var start: [Double] { double?.start ?? float?.start ?? [] }

    /// Number of racers.
    public var count: Int { double?.racers.count ?? float?.racers.count ?? 0 }

    /// One update for every racer that has not diverged.
    public mutating func advance() {
        double?.advance()
        float?.advance()
    }

    /// Replaces racer `index`'s configuration and replays it from step 0 to the current step.
    public mutating func retune(racer index: Int, configuration: OptimizerConfiguration) throws(PartitionError) {
        try double?.retune(racer: index, configuration: configuration)
        try float?.retune(racer: index, configuration: configuration)
    }

    /// Restarts every racer from `point` at step 0.
    public mutating func restart(from point: [Double]) throws(PartitionError) {
        try double?.restart(from: point)
        try float?.restart(from: point)
    }

    /// What the screen shows about racer `index`.
    public func snapshot(_ index: Int) -> RacerSnapshot {
        if let double { return RacerSnapshot(double.racers[index]) }
        return RacerSnapshot(float!.racers[index])
    }

    /// Racer `index`'s current parameters as raw bit patterns, for exact comparisons.
    public func parameterBits(_ index: Int) -> [UInt64] {
        if let double { return double.racers[index].parameters.map(\.bitPattern) }
        return float!.racers[index].parameters.map { UInt64($0.bitPattern) }
    }

    /// Racer `index`'s current loss (not-finite after divergence).
    public func loss(_ index: Int) -> Double {
        double?.racers[index].loss ?? float!.racers[index].loss
    }

    /// Racer `index`'s last finite parameters, in double precision.
    public func lastFinitePoint(_ index: Int) -> [Double] {
        double?.racers[index].lastFinitePoint ?? float!.racers[index].lastFinitePoint
    }

    /// Writes this race's rows of the trajectory CSV for the current step (diverged racers stop
    /// after the step where they diverged, as `descent run` does).
    func csvRows(into text: inout String) {
        if let double { Self.rows(double, into: &text) } else if let float { Self.rows(float, into: &text) }
    }

    private static func rows<T: OptimizerScalar>(_ race: Race<T>, into text: inout String) {
        for racer in race.racers where racer.divergedAt == nil || racer.divergedAt == race.step {
            text += TrajectoryCSV.row(label: racer.label, step: race.step, loss: racer.loss, parameters: racer.parameters)
        }
    }
}
