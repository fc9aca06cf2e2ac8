/// Finds the valid name closest to a misspelt one, for "did you mean" hints.
public enum NearestName {
    /// The candidate with the smallest edit distance, if it is close enough to be a plausible typo.
    public static func find(_ word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(Array(lowered), Array(candidate.lowercased()))
            if best == nil || d < best!.1 { best = (candidate, d) }
        }
        guard let (name, d) = best else { return nil }
        let limit = max(2, min(word.count, name.count) / 2)
        return d <= limit ? name : nil
    }

    /// ` (did you mean 'x'?)` for the candidate nearest to `word`, or an empty string when none is close.
    public static func hint(_ word: String, in candidates: [String]) -> String {
        hint(suggesting: find(word, in: candidates))
    }

    /// ` (did you mean 'x'?)` for a suggested name, or an empty string for none.
    public static func hint(suggesting name: String?) -> String {
        name.map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Levenshtein distance with adjacent transpositions (optimal string alignment).
    public static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
