/// The `[run]` table: how long, how random, how precise.
public struct RunSettings: Sendable, Equatable {
    /// Number of optimizer updates (default 100).
    public var steps: Int
    /// Seed for random starts, generated Hessians and gradient noise (default 0).
    public var seed: UInt64
    /// Parameter and state precision (default double).
    public var precision: Precision

    /// The largest `steps` a scenario may ask for.
    public static let maximumSteps = 100_000_000

    /// Creates settings with the documented defaults.
    public init(steps: Int = 100, seed: UInt64 = 0, precision: Precision = .double) {
        self.steps = steps
        self.seed = seed
        self.precision = precision
    }
}
