/// One `[[claim]]` table: a statement about the run that `descent check` and the visualizer judge.
public struct Claim: Sendable, Equatable {
    /// What is measured, and what it must be.
    public enum Test: Sendable, Equatable {
        /// The measure at the claim's step is below the bound.
        case below(Double)
        /// The measure at the claim's step is above the bound.
        case above(Double)
        /// The claimed optimizer's measure is lower than this other optimizer's divided by `by` at
        /// the claim's step: `by` 100 asks for a hundredth of it, 0.1 for less than ten times it.
        case beats(String, by: Double = 1)
        /// Whether the optimizer has diverged (or is diverging) by the claim's step.
        case diverges(Bool)
        /// The measure falls below the bound at some step up to `within`.
        case reaches(Double, within: Int)

        /// The TOML key of the test, as `--format json` names it.
        public var key: String {
            switch self {
            case .below: "below"
            case .above: "above"
            case .beats: "beats"
            case .diverges: "diverges"
            case .reaches: "reaches"
            }
        }
    }

    /// The claim as written in the file, nil when the file gives none.
    public var text: String?
    /// The label of the optimizer the claim is about.
    public var optimizer: String
    /// The step the claim is judged at (for `reaches`, its `within`).
    public var step: Int
    /// The test.
    public var test: Test
    /// What the tests measure, in words: `loss`, `loss above the minimum` or `validation loss`.
    public var measure: String

    /// Creates a claim.
    public init(text: String? = nil, optimizer: String, step: Int, test: Test, measure: String = "loss") {
        self.measure = measure
        self.text = text
        self.optimizer = optimizer
        self.step = step
        self.test = test
    }

    /// The text shown for the claim: as written, or generated from the test.
    public var statement: String {
        if let text, !text.isEmpty { return text }
        switch test {
        case .below(let x): return "\(optimizer)'s \(measure) is below \(ClaimNumber.bound(x)) at step \(step)"
        case .above(let x): return "\(optimizer)'s \(measure) is above \(ClaimNumber.bound(x)) at step \(step)"
        case .beats(let other, let factor) where factor > 1:
            return "\(optimizer) beats \(other) by a factor of \(ClaimNumber.bound(factor)) at step \(step)"
        case .beats(let other, let factor) where factor < 1:
            return "\(optimizer)'s \(measure) is below \(ClaimNumber.bound(1 / factor)) times \(other)'s at step \(step)"
        case .beats(let other, _): return "\(optimizer) beats \(other) at step \(step)"
        case .diverges(true): return "\(optimizer) diverges by step \(step)"
        case .diverges(false): return "\(optimizer) does not diverge by step \(step)"
        case .reaches(let x, let within): return "\(optimizer)'s \(measure) reaches \(ClaimNumber.bound(x)) within \(within) steps"
        }
    }
}
