/// Iso-lines of a grid drawn as ─│╭╮╰╯ glyphs over whatever is below, keeping its background.
///
/// Marching squares on the cell corners: each corner's value is interpolated from the grid, and a
/// cell gets the glyph joining the two cell edges a level crosses. Levels are evenly spaced in
/// the scale's normalised space, so they are log-spaced on a log scale.
public struct ContourOverlay: Widget {
    /// The values, row 0 at the top (the same grid as the heatmap below).
    public var grid: ScalarGrid
    /// The scale whose normalised space spaces the levels.
    public var scale: ColorScale
    /// Number of levels, at t = k / (levels + 1) for k = 1...levels.
    public var levels: Int
    /// Line colour; nil picks black or white against each cell's background.
    public var color: TerminalColor?
    /// Extra attributes for the line glyphs.
    public var attributes: CellAttributes

    /// Creates a contour overlay.
    public init(grid: ScalarGrid, scale: ColorScale, levels: Int = 8, color: TerminalColor? = nil, attributes: CellAttributes = []) {
        self.grid = grid
        self.scale = scale
        self.levels = levels
        self.color = color
        self.attributes = attributes
    }

    /// The level values in data units.
    public var levelValues: [Double] {
        guard levels > 0 else { return [] }
        return (1...levels).map { scale.value(at: Double($0) / Double(levels + 1)) }
    }

    /// Draws the contour glyphs over the view.
    public func render(into canvas: inout Canvas) {
        let width = canvas.width, height = canvas.height
        let levelCount = min(max(0, levels), 256)
        guard width > 0, height > 0, grid.columns > 0, grid.rows > 0, levelCount > 0 else { return }
        let thresholds = (1...levelCount).map { Double($0) / Double(levelCount + 1) }
        // Corner (i, j) sits at pixel boundary (i, 2j); grid samples sit at pixel centres.
        var corners = [Double?](repeating: nil, count: (width + 1) * (height + 1))
        for j in 0...height {
            let row = Double(2 * j) * Double(grid.rows) / Double(2 * height) - 0.5
            for i in 0...width {
                let column = Double(i) * Double(grid.columns) / Double(width) - 0.5
                corners[j * (width + 1) + i] = scale.normalized(grid.interpolated(column: column, row: row))
            }
        }
        for y in 0..<height {
            for x in 0..<width {
                guard
                    let topLeft = corners[y * (width + 1) + x],
                    let topRight = corners[y * (width + 1) + x + 1],
                    let bottomLeft = corners[(y + 1) * (width + 1) + x],
                    let bottomRight = corners[(y + 1) * (width + 1) + x + 1]
                else { continue }
                for threshold in thresholds {
                    guard let glyph = ContourOverlay.glyph(
                        topLeft > threshold, topRight > threshold, bottomRight > threshold, bottomLeft > threshold)
                    else { continue }
                    canvas.modify(x: x, y: y) { cell in
                        let lineColor = color ?? ContourOverlay.contrasting(cell.background)
                        cell.glyph = glyph
                        cell.foreground = lineColor
                        cell.attributes = attributes
                    }
                    break
                }
            }
        }
    }

    /// The glyph for a marching-squares case, or nil when no edge is crossed.
    static func glyph(_ topLeft: Bool, _ topRight: Bool, _ bottomRight: Bool, _ bottomLeft: Bool) -> Character? {
        let top = topLeft != topRight, right = topRight != bottomRight
        let bottom = bottomRight != bottomLeft, left = bottomLeft != topLeft
        switch (top, right, bottom, left) {
        case (false, false, false, false): return nil
        case (false, true, false, true): return "─"
        case (true, false, true, false): return "│"
        case (true, false, false, true): return "╯"
        case (true, true, false, false): return "╰"
        case (false, true, true, false): return "╭"
        case (false, false, true, true): return "╮"
        default: return "┼"
        }
    }

    /// A line colour for a cell: near black on light cells, a pale green on dark ones. Neither is
    /// near any path colour (white is one, so white contours read as a path).
    static func contrasting(_ background: TerminalColor) -> TerminalColor {
        guard let luminance = background.luminance else { return .default }
        return luminance > 0.45 ? .rgb(20, 20, 20) : .rgb(190, 225, 170)
    }
}
