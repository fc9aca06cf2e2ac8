/// A claim judged against a run: whether it holds and the values that decided it.
public struct ClaimVerdict: Sendable, Equatable {
    /// One optimizer's measured value.
    public struct Measurement: Sendable, Equatable {
        /// The optimizer.
        public var label: String
        /// The judged value (nil when it diverged before it could be measured).
        public var value: Double?
        /// Where it diverged, when it did by the claim's step.
        public var divergedAt: Int?
        /// The step the value was measured at (for `reaches`: the first step below the bound).
        public var step: Int?
        /// The first step it was diverging, when that is what was measured.
        public var divergingFrom: Int?

        /// Creates a measurement.
        public init(label: String, value: Double?, divergedAt: Int? = nil, step: Int? = nil, divergingFrom: Int? = nil) {
            self.label = label
            self.value = value
            self.divergedAt = divergedAt
            self.step = step
            self.divergingFrom = divergingFrom
        }

        /// `rmsprop 5.31e-3`, `gd diverged at step 12`, `adam 8.20e-7 at step 212`.
        public var text: String {
            if let divergedAt, value == nil { return "\(label) diverged at step \(divergedAt)" }
            if let divergingFrom { return "\(label) diverging from step \(divergingFrom)" + (value.map { " at \(ClaimNumber.text($0))" } ?? "") }
            var text = "\(label) \(value.map(ClaimNumber.text) ?? "not measured")"
            if let step { text += " at step \(step)" }
            if let divergedAt { text += ", diverged at step \(divergedAt)" }
            return text
        }
    }

    /// The claim.
    public var claim: Claim
    /// Whether it holds; nil while the run has not reached the claim's step.
    public var holds: Bool?
    /// The values that decided it, the claimed optimizer first.
    public var measurements: [Measurement]

    /// `(rmsprop 5.31e-3, gd 7.26e-4)`, or empty before the run reaches the claim.
    public var valuesText: String {
        measurements.isEmpty ? "" : "(" + measurements.map(\.text).joined(separator: ", ") + ")"
    }
}
