import Objectives
import OptimizerCore

/// The named stretches of the parameter index an axis over parameters marks: a quadratic's
/// Hessian blocks, a network's tensors, a surface's x and y.
struct ParameterSegment: Sendable, Equatable {
    /// A short name to label the stretch with.
    var name: String
    /// Coordinates in it.
    var size: Int
}

extension AppState {
    /// The stretches of the parameter index, in buffer order.
    var parameterSegments: [ParameterSegment] {
        switch scenario.problem.kind {
        case .quadratic(let quadratic):
            return quadratic.blockSizes.enumerated().map { ParameterSegment(name: "block \($0.offset + 1)", size: $0.element) }
        case .matrixRegression(let regression):
            // Row i of W is coordinates i*n ..< (i+1)*n; past a dozen rows the labels would not fit.
            let (rows, columns) = (regression.shape[0], regression.shape[1])
            guard rows <= 12 else { return [ParameterSegment(name: "weight", size: rows * columns)] }
            return (0..<rows).map { ParameterSegment(name: "row \($0 + 1)", size: columns) }
        case .network:
            guard let race = timeline.race.networkRace, !race.racers.isEmpty else { return [] }
            return race.trainer(0).network.layout.tensors.map { ParameterSegment(name: Self.shortTensorName($0.name), size: $0.count) }
        default:
            let n = timeline.race.start.count
            return n == 2 ? [ParameterSegment(name: "x", size: 1), ParameterSegment(name: "y", size: 1)]
                : [ParameterSegment(name: "x", size: n)]
        }
    }

    /// A tensor name without the prefixes every name shares (`model.`, `.weight`).
    static func shortTensorName(_ name: String) -> String {
        var short = name
        if short.hasPrefix("model.") { short.removeFirst("model.".count) }
        if short.hasSuffix(".weight") { short.removeLast(".weight".count) }
        return short
    }
}
