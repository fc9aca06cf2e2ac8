/// Glyph ramps that stand in for colour when there is none (NO_COLOR).
public enum ShadeRamp {
    /// Ten ASCII glyphs from empty to dense.
    public static let ascii: [Character] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]

    /// The ramp glyph for `t` in 0...1 (clamped); non-finite `t` gives a space.
    public static func glyph(at t: Double, ramp: [Character] = ascii) -> Character {
        guard t.isFinite, !ramp.isEmpty else { return " " }
        let clamped = min(1, max(0, t))
        return ramp[min(ramp.count - 1, Int(clamped * Double(ramp.count)))]
    }
}
