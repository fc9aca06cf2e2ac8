/// Describes one hyperparameter: its torch name, meaning, default and valid range.
public struct HyperparameterDescriptor: Sendable, Hashable {
    /// The kind of value a hyperparameter takes and the range it must lie in.
    public enum ValueKind: Sendable, Hashable {
        /// A real number in `range`.
        case real(ClosedRange<Double>, openUpperBound: Bool)
        /// A boolean.
        case flag
        /// Two reals, each in the same range.
        case pair(ClosedRange<Double>, openUpperBound: Bool)
        /// A whole number in `range` (stored as a real).
        case integer(ClosedRange<Int>)
        /// `count` reals (any finite values).
        case list(count: Int)
        /// One of these names.
        case choice([String])
        /// A real number in `range`, or the word `absent` (`.choice(absent)`) for torch's None,
        /// whose meaning the rule decides (Adafactor's eps1: the run's machine epsilon).
        case optionalReal(ClosedRange<Double>, absent: String)
    }

    /// torch's parameter name, e.g. `weight_decay`.
    public let name: String
    /// What it does, in a few words.
    public let summary: String
    /// Its type and valid range.
    public let kind: ValueKind
    /// torch's default.
    public let defaultValue: HyperValue

    /// Creates a descriptor.
    public init(_ name: String, _ summary: String, _ kind: ValueKind, default defaultValue: HyperValue) {
        self.name = name
        self.summary = summary
        self.kind = kind
        self.defaultValue = defaultValue
    }

    /// The valid values in words, e.g. `a number >= 0` or `two numbers in [0, 1)`.
    public var validRange: String {
        switch kind {
        case .flag: return "true or false"
        case .real(let r, let open): return "a number " + Self.describe(r, open: open)
        case .pair(let r, let open): return "two numbers, each " + Self.describe(r, open: open)
        case .integer(let r): return r.upperBound == .max ? "a whole number >= \(r.lowerBound)" : "a whole number in [\(r.lowerBound), \(r.upperBound)]"
        case .list(let count): return "a list of \(count) numbers"
        case .choice(let names): return "one of " + names.map { "\"\($0)\"" }.joined(separator: ", ")
        case .optionalReal(let r, let absent): return "a number " + Self.describe(r, open: false) + " or \"\(absent)\""
        }
    }

    /// Checks a value's type and range.
    public func validate(_ value: HyperValue) throws(HyperparameterError) {
        func inRange(_ x: Double, _ r: ClosedRange<Double>, _ open: Bool) -> Bool {
            x.isFinite && r.contains(x) && !(open && x == r.upperBound)
        }
        switch (kind, value) {
        case (.flag, .flag): return
        case (.real(let r, let open), .real(let x)) where inRange(x, r, open): return
        case (.pair(let r, let open), .pair(let a, let b)) where inRange(a, r, open) && inRange(b, r, open): return
        case (.integer(let r), .real(let x)) where x.isFinite && x == x.rounded() && Double(r.lowerBound) <= x && x <= Double(r.upperBound): return
        case (.list(let count), .list(let xs)) where xs.count == count && xs.allSatisfy(\.isFinite): return
        case (.choice(let names), .choice(let name)) where names.contains(name): return
        case (.optionalReal(let r, _), .real(let x)) where inRange(x, r, false): return
        case (.optionalReal(_, let absent), .choice(let name)) where name == absent: return
        default: throw .invalidValue(name: name, value: value, valid: validRange)
        }
    }

    private static func describe(_ r: ClosedRange<Double>, open: Bool) -> String {
        let upper = open ? ")" : "]"
        switch (r.lowerBound, r.upperBound) {
        case (let lo, .greatestFiniteMagnitude): return ">= \(Self.format(lo))"
        case (let lo, let hi): return "in [\(Self.format(lo)), \(Self.format(hi))\(upper)"
        }
    }

    private static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }
}

extension HyperparameterDescriptor.ValueKind {
    /// A real number >= 0.
    public static let nonNegative = Self.real(0...Double.greatestFiniteMagnitude, openUpperBound: false)
    /// A real number in [0, 1].
    public static let unit = Self.real(0...1, openUpperBound: false)
    /// A real number in [0, 1).
    public static let unitOpen = Self.real(0...1, openUpperBound: true)
    /// A positive number (zero excluded is enforced by the owner's cross checks).
    public static let betas = Self.pair(0...1, openUpperBound: true)
}
