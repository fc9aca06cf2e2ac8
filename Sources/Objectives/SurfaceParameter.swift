/// A tunable constant of a surface (Rosenbrock's a and b, Rastrigin's A, the bowl's axes).
struct SurfaceParameter: Sendable {
    /// What values a parameter accepts.
    enum Constraint: Sendable {
        case finite
        case positive
        case nonNegative

        var requirement: String {
            switch self {
            case .finite: "a finite number"
            case .positive: "a finite number > 0"
            case .nonNegative: "a finite number >= 0"
            }
        }

        func accepts(_ value: Double) -> Bool {
            guard value.isFinite else { return false }
            switch self {
            case .finite: return true
            case .positive: return value > 0
            case .nonNegative: return value >= 0
            }
        }
    }

    let name: String
    let defaultValue: Double
    let constraint: Constraint
}
