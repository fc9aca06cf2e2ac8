/// A colour scale quantised to a fixed number of levels, mapping 0...1 to colours.
///
/// Quantising keeps the number of distinct colours (and so ncurses colour pairs) small in every
/// colour mode, and makes equal colours mean equal value bands.
public struct Colormap: Sendable {
    /// The colours from low (index 0) to high.
    public let colors: [TerminalColor]

    /// Creates a colormap by sampling piecewise-linear RGB stops at `levels` evenly spaced points.
    public init(stops: [(UInt8, UInt8, UInt8)], levels: Int) {
        let count = max(2, levels)
        let anchors = stops.isEmpty ? [(0, 0, 0), (255, 255, 255)] : stops
        var sampled: [TerminalColor] = []
        sampled.reserveCapacity(count)
        for level in 0..<count {
            let t = Double(level) / Double(count - 1)
            let position = t * Double(anchors.count - 1)
            let lower = min(anchors.count - 1, Int(position))
            let upper = min(anchors.count - 1, lower + 1)
            let f = position - Double(lower)
            func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
                UInt8(clamping: Int((Double(a) + (Double(b) - Double(a)) * f).rounded()))
            }
            let a = anchors[lower], b = anchors[upper]
            sampled.append(.rgb(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2)))
        }
        colors = sampled
    }

    /// Number of levels.
    public var levels: Int { colors.count }

    /// The level index for `t` in 0...1 (clamped); non-finite `t` gives level 0.
    public func level(at t: Double) -> Int {
        guard t.isFinite else { return 0 }
        let clamped = min(1, max(0, t))
        return min(colors.count - 1, Int(clamped * Double(colors.count)))
    }

    /// The colour for `t` in 0...1 (clamped); non-finite `t` gives the lowest colour.
    public func color(at t: Double) -> TerminalColor {
        colors[level(at: t)]
    }

    /// Viridis (perceptually uniform, colour-blind safe), 32 levels.
    public static let viridis = Colormap(stops: [
        (68, 1, 84), (72, 36, 117), (65, 68, 135), (53, 95, 141), (42, 120, 142), (33, 145, 140),
        (34, 168, 132), (68, 191, 112), (122, 209, 81), (189, 223, 38), (253, 231, 37),
    ], levels: 32)

    /// A diverging blue-white-red scale (ColorBrewer RdBu, blue low), 33 levels.
    ///
    /// The odd level count puts one level exactly at the centre, so zero is white.
    public static let blueWhiteRed = Colormap(stops: [
        (5, 48, 97), (33, 102, 172), (67, 147, 195), (146, 197, 222), (209, 229, 240), (247, 247, 247),
        (253, 219, 199), (244, 165, 130), (214, 96, 77), (178, 24, 43), (103, 0, 31),
    ], levels: 33)
}
