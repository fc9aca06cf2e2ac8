/// One registered kind of a rule: its name in scenario files and flags, a one-line summary, and
/// the defaults it changes (momentum's 0.9, AdamW's weight decay).
public struct OptimizerVariant: Sendable {
    /// The name scenario files, flags and listings use, e.g. `adamw`.
    public let name: String
    /// One line for listings and help.
    public let summary: String
    /// Defaults that differ from the rule's.
    public let defaults: [String: HyperValue]
    /// Values this kind pins: not listed, not settable (AdamW's decoupled weight decay).
    public let fixed: [String: HyperValue]
    /// Hyperparameters the legend shows even at their default, because they are what tells this
    /// kind from its siblings (momentum for the momentum and Nesterov kinds).
    public let alwaysShown: [String]

    /// Creates a variant.
    public init(_ name: String, _ summary: String, defaults: [String: HyperValue] = [:],
                fixed: [String: HyperValue] = [:], alwaysShown: [String] = []) {
        self.name = name
        self.summary = summary
        self.defaults = defaults
        self.fixed = fixed
        self.alwaysShown = alwaysShown
    }
}
