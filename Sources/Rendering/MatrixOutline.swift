/// A partition of a square matrix into diagonal blocks, drawn as the outlines of those blocks.
public struct MatrixOutline: Sendable, Equatable {
    /// Sizes of the diagonal blocks in order (they may stop short of the matrix).
    public var blockSizes: [Int]
    /// Line colour in colour modes.
    public var color: TerminalColor

    /// Creates an outline.
    public init(blockSizes: [Int], color: TerminalColor) {
        self.blockSizes = blockSizes
        self.color = color
    }

    /// The blocks as half-open index ranges, cut at `size`.
    public func ranges(size: Int) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        for block in blockSizes where block > 0 && start < size {
            let end = min(size, start + block)
            result.append(start..<end)
            start = end
        }
        return result
    }

    /// The problem's blocks: light lines in green, a hue that neither the diverging ramp
    /// nor any series colour uses.
    public static let problemColor = TerminalColor.rgb(92, 226, 92)
    /// An optimizer's partition: heavy lines in yellow, used by nothing else either.
    public static let partitionColor = TerminalColor.rgb(255, 230, 30)

    /// Glyphs of the problem's blocks (light lines).
    static let problemGlyphs = BoxLines.light
    /// Glyphs where both outlines run: double lines.
    static let bothGlyphs: [Character] = [
        " ", "║", "═", "╚", "║", "║", "╔", "╠", "═", "╝", "═", "╩", "╗", "╣", "╦", "╬",
    ]
}
