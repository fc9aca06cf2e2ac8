/// How far into a square matrix a view is zoomed and where it is panned: the visualizer's state
/// for the matrix panel; `MatrixGeometry` turns it into pixels for a given panel size.
public struct MatrixZoom: Sendable, Equatable {
    /// Steps in from the fitted view (0: the whole matrix fits). Each step halves the entries per
    /// pixel, and past one entry per pixel doubles the pixels per entry.
    public var level: Int
    /// The top-left entry shown.
    public var row: Int
    /// The top-left entry shown.
    public var column: Int

    /// Creates a zoom state.
    public init(level: Int = 0, row: Int = 0, column: Int = 0) {
        self.level = max(0, level)
        self.row = max(0, row)
        self.column = max(0, column)
    }

    /// The whole matrix.
    public static let fitted = MatrixZoom()

    /// Deepest zoom: eight pixels per entry at most past one entry per pixel.
    public static let deepestMagnification = 8
}

/// Where a square matrix's entries go in a panel: the resolution, the shown
/// window, and the pixel rectangle, for half-block pixels (one column, half a row) or, without
/// colour, glyph pixels two columns wide.
public struct MatrixGeometry: Sendable, Equatable {
    /// The matrix's size.
    public let size: Int
    /// The resolution is `pixelRun` pixels for every `entryRun` entries along each axis (in lowest
    /// terms): 1 and 2 is two entries per pixel, 6 and 5 a little over one, 1 and 4 four pixels per entry.
    public let entryRun: Int
    /// See `entryRun`.
    public let pixelRun: Int
    /// The zoom as clamped to this panel (level and origin both valid).
    public let zoom: MatrixZoom
    /// Entries shown along each axis.
    public let shownRows: Int
    /// Entries shown along each axis.
    public let shownColumns: Int
    /// Pixels drawn across.
    public let pixelWidth: Int
    /// Pixels drawn down.
    public let pixelHeight: Int
    /// Cell columns per pixel (1 for half blocks, 2 for glyph pixels).
    public let cellsPerPixelAcross: Int
    /// Pixels per cell row (2 for half blocks, 1 for glyph pixels).
    public let pixelsPerCellDown: Int

    /// The geometry of an `size` x `size` matrix in `width` x `height` cells.
    ///
    /// The fitted view takes the fewest entries per pixel that fit, preferring (within a factor of
    /// two) a count that divides every block boundary so blocks start on pixel edges.
    public init(size: Int, boundaries: [Int], width: Int, height: Int, halfBlocks: Bool, zoom: MatrixZoom) {
        self.size = max(0, size)
        cellsPerPixelAcross = halfBlocks ? 1 : 2
        pixelsPerCellDown = halfBlocks ? 2 : 1
        let across = max(0, width / cellsPerPixelAcross), down = max(0, height * pixelsPerCellDown)
        let room = max(1, min(across, down))
        let n = max(1, self.size)
        let ladder = Self.ladder(size: n, room: room, boundaries: boundaries.filter { $0 > 0 && $0 < n })
        let level = min(zoom.level, ladder.count - 1)
        entryRun = ladder[level].e
        pixelRun = ladder[level].p
        // Entries that fit across and down at this resolution.
        let fitAcross = max(1, across * entryRun / pixelRun)
        let fitDown = max(1, down * entryRun / pixelRun)
        shownColumns = min(n, fitAcross)
        shownRows = min(n, fitDown)
        let row = min(max(0, zoom.row), n - shownRows), column = min(max(0, zoom.column), n - shownColumns)
        self.zoom = MatrixZoom(level: level, row: row, column: column)
        pixelWidth = (shownColumns * pixelRun + entryRun - 1) / entryRun
        pixelHeight = (shownRows * pixelRun + entryRun - 1) / entryRun
    }

    /// The resolutions the zoom steps through, as (entries, pixels) pairs: `pixels` pixels show
    /// `entries` entries. The first fits the matrix: the largest ratio of small numbers that fits,
    /// or one a little smaller (within 20%) that puts every block boundary on a pixel edge. Each
    /// step in doubles the pixels per entry, through exactly one, up to the deepest magnification.
    static func ladder(size n: Int, room: Int, boundaries: [Int]) -> [(e: Int, p: Int)] {
        var fit: (e: Int, p: Int)
        if n <= room {
            fit = (1, max(1, min(MatrixZoom.deepestMagnification, room / n)))
        } else {
            let least = (n + room - 1) / room
            var candidates: [(e: Int, p: Int)] = []
            for e in 1...max(8, 2 * least) {
                for p in 1...min(e, e > 8 ? 1 : 8) where gcd(p, e) == 1 && (n * p + e - 1) / e <= room {
                    candidates.append((e, p))
                }
            }
            func ratio(_ c: (e: Int, p: Int)) -> Double { Double(c.p) / Double(c.e) }
            let best = candidates.max { ratio($0) < ratio($1) } ?? (least, 1)
            let aligned = candidates.filter { c in boundaries.allSatisfy { $0 * c.p % c.e == 0 } }
                .max { ratio($0) < ratio($1) }
            fit = aligned.map { ratio($0) >= 0.8 * ratio(best) ? $0 : best } ?? best
        }
        var ladder = [fit]
        var (e, p) = fit
        while !(e == 1 && p >= MatrixZoom.deepestMagnification) {
            if e > 1 && 2 * p >= e {
                (e, p) = (1, 1)
            } else if e > 1 {
                if e % 2 == 0 { e /= 2 } else { p *= 2 }
                let d = gcd(e, p)
                (e, p) = (e / d, p / d)
            } else {
                p = min(MatrixZoom.deepestMagnification, p * 2)
            }
            ladder.append((e, p))
        }
        return ladder
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    /// Cell columns the drawn matrix takes.
    public var cellWidth: Int { pixelWidth * cellsPerPixelAcross }
    /// Cell rows the drawn matrix takes.
    public var cellHeight: Int { (pixelHeight + pixelsPerCellDown - 1) / pixelsPerCellDown }
    /// Whether every entry is visible.
    public var showsWholeMatrix: Bool { shownRows == size && shownColumns == size }

    /// The entries pixel `index` covers along one axis, from the window's first entry `origin`.
    public func entries(ofPixel index: Int, origin: Int) -> Range<Int> {
        let lower = origin + index * entryRun / pixelRun
        let upper = origin + ((index + 1) * entryRun + pixelRun - 1) / pixelRun
        return lower..<max(lower + 1, min(size, upper))
    }

    /// The pixel at which entry `entry` starts along one axis (may be outside 0..<pixel count).
    public func pixel(ofEntry entry: Int, origin: Int) -> Int {
        let offset = entry - origin
        return offset >= 0 ? offset * pixelRun / entryRun : -((-offset * pixelRun + entryRun - 1) / entryRun)
    }

    /// The pixel just past the end of entries that stop before entry `end` (exclusive) along one
    /// axis: the first pixel holding nothing of them.
    public func pixel(afterEntriesEndingAt end: Int, origin: Int) -> Int {
        let offset = end - origin
        return offset > 0 ? (offset * pixelRun + entryRun - 1) / entryRun : -((-offset * pixelRun) / entryRun)
    }

    /// The zoom moved by a fraction of the shown window (positive: right and down).
    public func panned(byFractionAcross dx: Double, down dy: Double) -> MatrixZoom {
        let stepX = Int((Double(shownColumns) * dx).rounded()), stepY = Int((Double(shownRows) * dy).rounded())
        return MatrixZoom(level: zoom.level,
                          row: min(max(0, zoom.row + (dy == 0 ? 0 : (stepY == 0 ? (dy > 0 ? 1 : -1) : stepY))), size - shownRows),
                          column: min(max(0, zoom.column + (dx == 0 ? 0 : (stepX == 0 ? (dx > 0 ? 1 : -1) : stepX))), size - shownColumns))
    }

    /// The zoom one level in or out, keeping the window's centre where it is.
    public func zoomed(in zoomIn: Bool) -> MatrixZoom {
        let centerRow = zoom.row + shownRows / 2, centerColumn = zoom.column + shownColumns / 2
        let level = max(0, zoom.level + (zoomIn ? 1 : -1))
        // The new window's size is only known for a panel size; aim at the centre, the next
        // geometry clamps the origin.
        let scale = zoomIn ? 0.5 : 2.0
        let rows = Int(Double(shownRows) * scale), columns = Int(Double(shownColumns) * scale)
        return MatrixZoom(level: level, row: max(0, centerRow - rows / 2), column: max(0, centerColumn - columns / 2))
    }
}
