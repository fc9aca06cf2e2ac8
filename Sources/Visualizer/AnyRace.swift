import Networks
import Objectives
import OptimizerCore
import Scenarios

/// A race of any kind, so the app holds one value whatever the scenario: a formula problem in
/// either `[run] precision`, or a network trained in minibatches.
///
/// Like `Race`, it is a value: copying it snapshots every optimizer's parameters and state.
/// Exactly one of the stored races is set; optional chaining mutates it in place, so stepping
/// does not copy the optimizers' state arrays.
public struct AnyRace: Sendable {
    private var double: Race<Double>?
    private var float: Race<Float>?
    private var network: NetworkRace?

    /// Sets up the scenario's optimizers at its start.
    public init(scenario: Scenario) throws(RaceSetupError) {
        if scenario.problem.network != nil {
            do throws(TrainingError) {
                network = try NetworkRace(scenario: scenario)
            } catch {
                throw .training(error)
            }
            return
        }
        do throws(PartitionError) {
            switch scenario.settings.precision {
            case .double: double = try Race<Double>(scenario: scenario)
            case .float: float = try Race<Float>(scenario: scenario)
            }
        } catch {
            throw .partition(error)
        }
    }

    /// Updates taken so far.
    public var step: Int { double?.step ?? float?.step ?? network?.step ?? 0 }

    /// The objective every racer minimises (nil for a network, whose loss is a batch estimate).
    public var objective: (any Objective)? { double?.objective ?? float?.objective }

    /// The network race, when the scenario trains a network.
    public var networkRace: NetworkRace? { network }

    /// Where every racer started (empty for a network: it starts from seeded weights).
    public var start: [Double] { double?.start ?? float?.start ?? [] }

    /// Number of racers.
    public var count: Int { double?.racers.count ?? float?.racers.count ?? network?.racers.count ?? 0 }

    /// Scalars a copy of this race keeps (parameters and optimizer state of every racer).
    public var stateElementCount: Int {
        if let network { return network.racers.reduce(0) { $0 + $1.state.elementCount } }
        let dimension = start.count
        return (0..<count).reduce(0) { $0 + dimension * 4 + snapshot($1).stateElementCount }
    }

    /// One update for every racer that has not diverged.
    public mutating func advance() {
        double?.advance()
        float?.advance()
        network?.advance()
    }

    /// Replaces racer `index`'s configuration and replays it from step 0 to the current step.
    public mutating func retune(racer index: Int, configuration: OptimizerConfiguration) throws(RaceSetupError) {
        do throws(PartitionError) {
            try double?.retune(racer: index, configuration: configuration)
            try float?.retune(racer: index, configuration: configuration)
        } catch {
            throw .partition(error)
        }
        do throws(TrainingError) {
            try network?.retune(racer: index, configuration: configuration)
        } catch {
            throw .training(error)
        }
    }

    /// Restarts every racer from `point` at step 0 (formula problems only).
    public mutating func restart(from point: [Double]) throws(RaceSetupError) {
        do throws(PartitionError) {
            try double?.restart(from: point)
            try float?.restart(from: point)
        } catch {
            throw .partition(error)
        }
    }

    /// What the screen shows about racer `index`.
    public func snapshot(_ index: Int) -> RacerSnapshot {
        if let double { return RacerSnapshot(double.racers[index]) }
        if let float { return RacerSnapshot(float.racers[index]) }
        return RacerSnapshot(network!.racers[index])
    }

    /// Racer `index`'s preconditioned curvature at the current step (formula problems; nil for a
    /// network, before an adaptive method's first update, and after divergence).
    public func preconditionedCurvature(racer index: Int) -> PreconditionedCurvature? {
        double?.preconditionedCurvature(racer: index) ?? float?.preconditionedCurvature(racer: index)
    }

    /// Racer `index`'s current parameters as raw bit patterns, for exact comparisons.
    public func parameterBits(_ index: Int) -> [UInt64] {
        if let double { return double.racers[index].parameters.map(\.bitPattern) }
        if let float { return float.racers[index].parameters.map { UInt64($0.bitPattern) } }
        return network!.racers[index].state.parameters.map { UInt64($0.bitPattern) }
    }

    /// Racer `index`'s current loss (not-finite after divergence).
    public func loss(_ index: Int) -> Double {
        double?.racers[index].loss ?? float?.racers[index].loss ?? network!.racers[index].loss
    }

    /// Racer `index`'s last finite parameters, in double precision (formula problems).
    public func lastFinitePoint(_ index: Int) -> [Double] {
        double?.racers[index].lastFinitePoint ?? float?.racers[index].lastFinitePoint ?? []
    }

    /// The CSV header of this race's rows.
    var csvHeader: String {
        network == nil ? TrajectoryCSV.header(dimension: start.count) : TrainingCSV.header
    }

    /// Writes this race's rows of the CSV for the current step (diverged racers stop after the
    /// step where they diverged, as `descent run` does).
    func csvRows(into text: inout String) {
        if let double { Self.rows(double, into: &text) } else if let float { Self.rows(float, into: &text) }
        if let network { text += TrainingCSV.rows(network) }
    }

    private static func rows<T: OptimizerScalar>(_ race: Race<T>, into text: inout String) {
        for racer in race.racers where racer.divergedAt == nil || racer.divergedAt == race.step {
            text += TrajectoryCSV.row(label: racer.label, step: race.step, loss: racer.loss, parameters: racer.parameters)
        }
    }
}
