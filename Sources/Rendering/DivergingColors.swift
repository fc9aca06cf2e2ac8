/// A diverging colour ramp whose zero is a dark neutral, for signed matrices on dark terminals.
///
/// Zero is its own colour and nothing else gets it: the first level either side is already a
/// clearly coloured step, so any entry above rounding noise reads as structure and a zero block
/// reads as empty. Negative values run through blues to pale cyan, positive through reds to pale
/// gold; neither end is white, green or yellow, which the outlines and the series use.
public struct DivergingColors: Sendable {
    /// Levels on each side of zero.
    public let levelsPerSide: Int
    /// Colours for negative values, weakest first.
    public let negative: [TerminalColor]
    /// Colours for positive values, weakest first.
    public let positive: [TerminalColor]
    /// The colour of zero.
    public let zero: TerminalColor

    /// Creates a ramp of `levelsPerSide` levels each way between the given weakest and strongest colours.
    public init(levelsPerSide: Int, zero: TerminalColor,
                negativeStops: [(UInt8, UInt8, UInt8)], positiveStops: [(UInt8, UInt8, UInt8)]) {
        let count = max(1, levelsPerSide)
        self.levelsPerSide = count
        self.zero = zero
        negative = Colormap(stops: negativeStops, levels: max(2, count)).colors.prefix(count).map { $0 }
        positive = Colormap(stops: positiveStops, levels: max(2, count)).colors.prefix(count).map { $0 }
    }

    /// The level of position `t` in -1...1: 0 for zero, 1...levelsPerSide for magnitudes, signed.
    ///
    /// Rounds magnitudes up, so only an exact zero gets level 0.
    public func level(_ t: Double) -> Int {
        guard t.isFinite, t != 0 else { return 0 }
        let magnitude = min(1, abs(t))
        let step = max(1, min(levelsPerSide, Int((magnitude * Double(levelsPerSide)).rounded(.up))))
        return t < 0 ? -step : step
    }

    /// The colour of a signed level.
    public func color(level: Int) -> TerminalColor {
        if level == 0 { return zero }
        let index = min(levelsPerSide, abs(level)) - 1
        return level < 0 ? negative[index] : positive[index]
    }

    /// The colour of position `t` in -1...1.
    public func color(at t: Double) -> TerminalColor { color(level: level(t)) }

    /// The Hessian ramp: 16 levels a side around a dark grey. The stops sit on the xterm 256-colour
    /// cube (components 0, 95, 135, 175, 215, 255), so the ramp stays in order when a 256-colour
    /// terminal snaps it: dark to bright red, then orange to pale peach; dark to bright blue, then
    /// sky to pale cyan.
    public static let hessian = DivergingColors(
        levelsPerSide: 16, zero: .rgb(38, 38, 38),
        negativeStops: [(0, 0, 95), (0, 0, 175), (0, 95, 255), (0, 175, 255), (135, 215, 255), (175, 255, 255)],
        positiveStops: [(95, 0, 0), (175, 0, 0), (255, 0, 0), (255, 95, 0), (255, 175, 95), (255, 215, 175)])
}
