import OptimizerCore

/// "Did you mean" hints for misspelt names in scenario files (`NearestName.hint`).
enum NearestNameLookup {
    /// ` (did you mean 'x'?)` or an empty string.
    static func suggestion(_ word: String, _ candidates: [String]) -> String {
        NearestName.hint(word, in: candidates)
    }
}
