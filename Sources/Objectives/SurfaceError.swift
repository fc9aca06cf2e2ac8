/// Why a surface could not be built from a name and parameters.
public enum SurfaceError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No surface has this name.
    case unknownSurface(name: String, suggestion: String?)
    /// The surface has no parameter of this name.
    case unknownParameter(surface: String, parameter: String, valid: [String], suggestion: String?)
    /// The parameter's value is outside what the surface accepts.
    case invalidParameter(surface: String, parameter: String, value: Double, requirement: String)

    /// What was wrong and what would be valid.
    public var description: String {
        switch self {
        case let .unknownSurface(name, suggestion):
            let hint = suggestion.map { " did you mean '\($0)'?" } ?? ""
            return "unknown surface '\(name)';\(hint) valid surfaces: "
                + Surface.names.joined(separator: ", ")
        case let .unknownParameter(surface, parameter, valid, suggestion):
            if valid.isEmpty {
                return "surface '\(surface)' takes no parameters, got '\(parameter)'"
            }
            let hint = suggestion.map { " did you mean '\($0)'?" } ?? ""
            return "surface '\(surface)' has no parameter '\(parameter)';\(hint) valid parameters: "
                + valid.joined(separator: ", ")
        case let .invalidParameter(surface, parameter, value, requirement):
            return "parameter '\(parameter)' of surface '\(surface)' must be \(requirement), got \(value)"
        }
    }
}
