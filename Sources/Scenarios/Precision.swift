/// The floating-point type a run's parameters and optimizer state use.
public enum Precision: String, Sendable, Codable, CaseIterable {
    /// 32-bit `Float`.
    case float
    /// 64-bit `Double` (the default).
    case double
}
