/// A matrix on a diverging colour scale centred on zero, with diagonal block partitions outlined.
///
/// When it fits, every partition boundary gets its own row and column of line glyphs between the
/// entries and each entry is a block of `2k x k` cells (square-ish). When it does not, entries are
/// downsampled (each cell shows the entry of largest magnitude it covers, sign kept) and outlines
/// are drawn on the blocks' edge cells over the colours. The primary partition uses light lines,
/// the secondary heavy lines in another colour, drawn on top where they coincide.
public struct MatrixHeatmap: Widget {
    /// Number of rows.
    public var rows: Int
    /// Number of columns.
    public var columns: Int
    /// Entries row-major; a wrong-length array is padded with NaN or cut.
    public var values: [Double]
    /// Sizes of the diagonal blocks of the primary partition (e.g. [3, 3, 3]); empty for none.
    public var blocks: [Int]
    /// Sizes of a second partition to compare with the first; empty for none.
    public var secondaryBlocks: [Int]
    /// The colour scale spans -limit...limit; nil uses the largest finite magnitude.
    public var limit: Double?
    /// The diverging colours.
    public var colormap: Colormap
    /// The output colour mode (`.none` draws sign and magnitude glyphs).
    public var mode: ColorMode
    /// Colour of the primary outlines.
    public var primaryColor: TerminalColor
    /// Colour of the secondary outlines.
    public var secondaryColor: TerminalColor

    /// Creates a matrix heatmap.
    public init(
        rows: Int, columns: Int, values: [Double], blocks: [Int] = [], secondaryBlocks: [Int] = [],
        limit: Double? = nil, colormap: Colormap = .blueWhiteRed, mode: ColorMode = .direct,
        primaryColor: TerminalColor = .rgb(230, 230, 230), secondaryColor: TerminalColor = .rgb(230, 159, 0)
    ) {
        self.rows = max(0, rows)
        self.columns = max(0, columns)
        let count = self.rows * self.columns
        self.values = values.count >= count ? Array(values.prefix(count)) : values + Array(repeating: .nan, count: count - values.count)
        self.blocks = blocks
        self.secondaryBlocks = secondaryBlocks
        self.limit = limit
        self.colormap = colormap
        self.mode = mode
        self.primaryColor = primaryColor
        self.secondaryColor = secondaryColor
    }

    /// The magnitude mapped to the ends of the colour scale.
    public var resolvedLimit: Double {
        if let limit, limit.isFinite, limit > 0 { return limit }
        var largest = 0.0
        for value in values where value.isFinite { largest = max(largest, abs(value)) }
        return largest > 0 ? largest : 1
    }

    /// Draws the matrix centred in the view.
    public func render(into canvas: inout Canvas) {
        let width = canvas.width, height = canvas.height
        guard width > 0, height > 0, rows > 0, columns > 0 else { return }
        let n = min(rows, columns)
        let scaleLimit = resolvedLimit
        let primary = MatrixHeatmap.boundaries(blocks, limit: n)
        let secondary = MatrixHeatmap.boundaries(secondaryBlocks, limit: n)
        let slots = Array(Set(primary.flatMap { [$0.0, $0.1] } + secondary.flatMap { [$0.0, $0.1] })).sorted()

        if let layout = SlotLayout(rows: rows, columns: columns, slots: slots, width: width, height: height) {
            let origin = Position(x: (width - layout.totalWidth) / 2, y: (height - layout.totalHeight) / 2)
            canvas.region(Rect(x: origin.x, y: origin.y, width: layout.totalWidth, height: layout.totalHeight)) { area in
                for r in 0..<rows {
                    for c in 0..<columns {
                        let cell = entryCell(values[r * columns + c], limit: scaleLimit)
                        area.fill(Rect(x: layout.columnStart[c], y: layout.rowStart[r], width: layout.entryWidth, height: layout.entryHeight), with: cell)
                    }
                }
                for (set, glyphs, color) in [(primary, BoxLines.light, primaryColor), (secondary, BoxLines.heavy, secondaryColor)] {
                    var mask = LineMask(width: layout.totalWidth, height: layout.totalHeight)
                    for (a, b) in set {
                        mask.outline(x0: layout.columnSlot[a] ?? 0, y0: layout.rowSlot[a] ?? 0,
                                     x1: layout.columnSlot[b] ?? 0, y1: layout.rowSlot[b] ?? 0)
                    }
                    mask.draw(into: &area, glyphs: glyphs, color: color)
                }
            }
        } else {
            drawDownsampled(into: &canvas, primary: primary, secondary: secondary, scaleLimit: scaleLimit)
        }
    }

    private func drawDownsampled(into canvas: inout Canvas, primary: [(Int, Int)], secondary: [(Int, Int)], scaleLimit: Double) {
        let width = canvas.width, height = canvas.height
        // Terminal cells are about twice as tall as wide: aim for two columns per row.
        let gridHeight = min(height, rows, max(1, width * rows / max(1, 2 * columns)))
        let gridWidth = min(width, max(1, 2 * gridHeight * columns / rows))
        let rowCell = (0...rows).map { $0 * gridHeight / rows }
        let columnCell = (0...columns).map { $0 * gridWidth / columns }
        var aggregate = [Double](repeating: .nan, count: gridWidth * gridHeight)
        for r in 0..<rows {
            let y0 = rowCell[r], y1 = max(y0 + 1, rowCell[r + 1])
            for c in 0..<columns {
                let value = values[r * columns + c]
                guard value.isFinite else { continue }
                let x0 = columnCell[c], x1 = max(x0 + 1, columnCell[c + 1])
                for y in y0..<min(y1, gridHeight) {
                    for x in x0..<min(x1, gridWidth) {
                        let index = y * gridWidth + x
                        if !aggregate[index].isFinite || abs(value) > abs(aggregate[index]) { aggregate[index] = value }
                    }
                }
            }
        }
        let origin = Position(x: (width - gridWidth) / 2, y: (height - gridHeight) / 2)
        canvas.region(Rect(x: origin.x, y: origin.y, width: gridWidth, height: gridHeight)) { area in
            for y in 0..<gridHeight {
                for x in 0..<gridWidth { area[x, y] = entryCell(aggregate[y * gridWidth + x], limit: scaleLimit) }
            }
            for (set, glyphs, color) in [(primary, BoxLines.light, primaryColor), (secondary, BoxLines.heavy, secondaryColor)] {
                var mask = LineMask(width: gridWidth, height: gridHeight)
                for (a, b) in set {
                    let x0 = columnCell[a], x1 = columnCell[b] - 1, y0 = rowCell[a], y1 = rowCell[b] - 1
                    if x1 > x0 && y1 > y0 { mask.outline(x0: x0, y0: y0, x1: x1, y1: y1) }
                }
                mask.draw(into: &area, glyphs: glyphs, color: color)
            }
        }
    }

    private func entryCell(_ value: Double, limit: Double) -> Cell {
        guard value.isFinite else { return Cell("·", foreground: .brightBlack) }
        let ratio = max(-1, min(1, value / limit))
        if mode == .none {
            let magnitude = abs(ratio)
            let level = magnitude < 0.05 ? 0 : magnitude < 0.35 ? 1 : magnitude < 0.7 ? 2 : 3
            return Cell(ratio < 0 ? MatrixHeatmap.negativeGlyphs[level] : MatrixHeatmap.positiveGlyphs[level])
        }
        return Cell(scalar: " ", background: colormap.color(at: 0.5 + 0.5 * ratio))
    }

    static let positiveGlyphs: [Character] = [" ", ".", "+", "#"]
    static let negativeGlyphs: [Character] = [" ", ".", "-", "="]

    /// Diagonal blocks as (start, end) index pairs; non-positive sizes are skipped, sizes are cut at `limit`.
    static func boundaries(_ sizes: [Int], limit: Int) -> [(Int, Int)] {
        var result: [(Int, Int)] = []
        var start = 0
        for size in sizes where size > 0 && start < limit {
            let end = min(limit, start + min(size, limit))
            result.append((start, end))
            start = end
        }
        return result
    }
}

/// Where entries and boundary lines go when every boundary gets its own row and column.
struct SlotLayout {
    let entryWidth: Int
    let entryHeight: Int
    let rowStart: [Int]
    let columnStart: [Int]
    let rowSlot: [Int: Int]
    let columnSlot: [Int: Int]
    let totalWidth: Int
    let totalHeight: Int

    /// Nil when even one cell per entry plus the slots does not fit.
    init?(rows: Int, columns: Int, slots: [Int], width: Int, height: Int) {
        let freeWidth = width - slots.count, freeHeight = height - slots.count
        guard freeWidth >= columns, freeHeight >= rows else { return nil }
        let k = min(freeHeight / rows, freeWidth / (2 * columns))
        if k >= 1 {
            entryHeight = k
            entryWidth = 2 * k
        } else {
            entryHeight = 1
            entryWidth = min(2, freeWidth / columns)
        }
        let slotSet = Set(slots)
        func place(_ count: Int, size: Int) -> ([Int], [Int: Int], Int) {
            var starts: [Int] = [], slotPositions: [Int: Int] = [:]
            var cursor = 0
            for index in 0...count {
                if slotSet.contains(index) {
                    slotPositions[index] = cursor
                    cursor += 1
                }
                if index < count {
                    starts.append(cursor)
                    cursor += size
                }
            }
            return (starts, slotPositions, cursor)
        }
        (rowStart, rowSlot, totalHeight) = place(rows, size: entryHeight)
        (columnStart, columnSlot, totalWidth) = place(columns, size: entryWidth)
    }
}
