/// An optimizer's state as its step count and named flat vectors (m, v, sum, ...), for
/// checkpoints, plots and tests, without knowing the optimizer's concrete type.
public struct OptimizerStateVectors<Scalar: OptimizerScalar>: Codable, Sendable, Equatable {
    /// Updates taken.
    public var step: Int
    /// Named state vectors, in the rule's order (restoring goes by name).
    public var vectors: [NamedVector]

    /// One named state vector.
    public struct NamedVector: Codable, Sendable, Equatable {
        /// The vector's name, e.g. `m`, `v`, `blockV`.
        public var name: String
        /// Its values.
        public var values: [Scalar]

        /// Creates a named vector.
        public init(name: String, values: [Scalar]) {
            self.name = name
            self.values = values
        }
    }

    /// Creates a state export.
    public init(step: Int, vectors: [NamedVector]) {
        self.step = step
        self.vectors = vectors
    }

    /// The vector with this name.
    public subscript(name: String) -> [Scalar]? {
        vectors.first { $0.name == name }?.values
    }
}

/// A saved optimizer state that does not fit the optimizer it is loaded into.
public enum OptimizerStateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The state vectors differ in names or lengths.
    case shapeMismatch(expected: [String], found: [String])

    /// The message shown to the user.
    public var description: String {
        switch self {
        case let .shapeMismatch(expected, found):
            "optimizer state does not match: expected \(expected.joined(separator: ", ")), found \(found.joined(separator: ", "))"
        }
    }
}
