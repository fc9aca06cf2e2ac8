/// Why an optimizer could not take a step although its numbers are finite: Newton's method on a
/// singular system, whose step does not exist.
public struct OptimizerFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// A few words for a status column, e.g. `singular H`.
    public let summary: String
    /// The whole reason, with what would cure it.
    public let description: String

    /// Creates a failure.
    public init(summary: String, description: String) {
        self.summary = summary
        self.description = description
    }
}

/// An optimizer whose update can fail: after a failure it leaves the parameters as they were and
/// says why, and the run stops it as it stops one whose numbers overflow.
public protocol FallibleOptimizer {
    /// The failure of the last step, if it failed.
    var failure: OptimizerFailure? { get }
}
