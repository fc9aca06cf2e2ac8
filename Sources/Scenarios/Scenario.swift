/// A validated scenario: a problem and the optimizers to race on it.
public struct Scenario: Sendable {
    /// Display name (defaults to the file name).
    public var name: String
    /// What to look for.
    public var description: String
    /// The problem.
    public var problem: Problem
    /// Steps, seed and precision.
    public var settings: RunSettings
    /// The optimizers, in file order.
    public var optimizers: [OptimizerEntry]
    /// What the file claims about the run, in file order.
    public var claims: [Claim]
    /// The file it came from, as the user named it (nil when built in code).
    public var file: String?

    /// Creates a scenario.
    public init(name: String, description: String = "", problem: Problem, settings: RunSettings = RunSettings(),
                optimizers: [OptimizerEntry], claims: [Claim] = [], file: String? = nil) {
        self.name = name
        self.description = description
        self.problem = problem
        self.settings = settings
        self.optimizers = optimizers
        self.claims = claims
        self.file = file
    }
}
