extension LearningRateSchedule {
    /// Warmup's first factor when none is given, for scenario files and `descent train` alike:
    /// above 0 so the first update moves (torch's LinearLR refuses 0).
    public static let defaultStartFactor = 0.1
}
