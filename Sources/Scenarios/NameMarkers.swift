import OptimizerCore

/// Adam-mini's markers matched as words rather than as bare substrings, to tell a rule that
/// applies by intent (`q_proj`, `ln_1`) from one that applies by accident (`ln` inside
/// `controlnet`, `output` in BERT's `attention.output.dense`).
enum NameMarkers {
    /// Markers that may end inside a longer word (`embeddings`, `layernorm`, `keys`).
    private static let stems: Set<String> = ["embed", "embd", "query", "value", "output", "final_layer", "feed_forward", "linear"]
    /// Markers that may also start inside a word (`input_layernorm`, `q_bias`).
    private static let anywhere: Set<String> = ["norm", "bias"]

    /// Whether `marker` occurs in the lower-cased `name` as a word: not preceded by a letter, not
    /// followed by one unless it is a stem, and (for `output`) not inside a numbered layer,
    /// where it names a sub-module rather than the model's output head.
    static func wordMatch(_ marker: String, in name: String) -> Bool {
        // Most markers are absent: a byte search says so far faster than Foundation's.
        guard AdamMiniNameRules.occurs(marker, in: name) else { return false }
        if anywhere.contains(marker) { return true }
        // Byte offsets: the markers are ASCII, so a match in the UTF-8 bytes is a match in the
        // name, and a byte of a multi-byte character counts as a letter.
        let bytes = Array(name.utf8), needle = Array(marker.utf8)
        func isLetter(_ byte: UInt8) -> Bool { byte >= 0x80 || (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        for start in 0...(bytes.count - needle.count) where bytes[start..<start + needle.count].elementsEqual(needle) {
            let end = start + needle.count
            if start > 0, isLetter(bytes[start - 1]) { continue }
            if !stems.contains(marker), end < bytes.count, isLetter(bytes[end]) { continue }
            if marker == "output", insideNumberedLayer(bytes[..<start]) { continue }
            return true
        }
        return false
    }

    /// Whether a name prefix contains a numbered component (`layer.3.`, `h.0.`).
    private static func insideNumberedLayer(_ prefix: ArraySlice<UInt8>) -> Bool {
        prefix.split(separator: UInt8(ascii: ".")).contains { $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    }

    /// What the official rules do to `name` by accident, if anything: the marker, where it
    /// matched, and the rule or weight-decay flag it brought.
    static func accident(in name: String) -> String? {
        let n = name.lowercased()
        let official = AdamMiniNameRules().rule(for: name)
        let intended = wordRule(n)
        if official != intended {
            let markers = (official == .perHead ? AdamMiniNameRules.queryKeyMarkers : AdamMiniNameRules.rowMarkers)
            let culprit = markers.first { AdamMiniNameRules.occurs($0, in: n) && !wordMatch($0, in: n) } ?? "?"
            let place = word(containing: culprit, in: n)
            let why = place == culprit ? "'\(culprit)' names a sub-module of a numbered layer, not the output head, and" : "'\(culprit)' inside '\(place)'"
            return "\(why) gives the \(official.rawValue) rule, not \(intended.rawValue)"
        }
        if !AdamMiniNameRules.decays(name), !AdamMiniNameRules.noDecayMarkers.contains(where: { wordMatch($0, in: n) }) {
            let culprit = AdamMiniNameRules.noDecayMarkers.first { AdamMiniNameRules.occurs($0, in: n) } ?? "?"
            return "'\(culprit)' inside '\(word(containing: culprit, in: n))' turns weight decay off"
        }
        return nil
    }

    /// The official rule order with word matches instead of substrings.
    private static func wordRule(_ n: String) -> AdamMiniRule {
        if AdamMiniNameRules.occurs("bias", in: n) { return .perCoordinate }
        if AdamMiniNameRules.queryKeyMarkers.contains(where: { wordMatch($0, in: n) }) { return .perHead }
        if AdamMiniNameRules.rowMarkers.contains(where: { wordMatch($0, in: n) }) { return .perRow }
        return .wholeTensor
    }

    /// The dotted component of `name` holding the first occurrence of `marker`.
    private static func word(containing marker: String, in name: String) -> String {
        name.split(separator: ".").first { AdamMiniNameRules.occurs(marker, in: String($0)) }.map(String.init) ?? marker
    }
}
