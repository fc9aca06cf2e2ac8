/// A layer of braille dots (2 x 4 per cell, one colour per cell) for lines and paths.
///
/// Lines are clipped to the layer before rasterising, so far-away or huge coordinates cost nothing,
/// and every line call takes a dot budget so a pathological input cannot stall a frame.
public struct BrailleLayer: Sendable {
    /// Width in cells.
    public let width: Int
    /// Height in cells.
    public let height: Int
    private var bits: [UInt8]
    private var colors: [TerminalColor]

    /// Dot bits by [row][column] inside a cell.
    static let dotBits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

    /// Creates an empty layer of `width` x `height` cells (2·width x 4·height dots).
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        bits = Array(repeating: 0, count: self.width * self.height)
        colors = Array(repeating: .default, count: self.width * self.height)
    }

    /// Width in dots.
    public var dotWidth: Int { width * 2 }
    /// Height in dots.
    public var dotHeight: Int { height * 4 }

    /// Whether any dot is set in cell (x, y).
    public func hasDots(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < width, y < height else { return false }
        return bits[y * width + x] != 0
    }

    /// Sets the dot at integer dot coordinates (ignored outside) and colours its cell.
    public mutating func setDot(x: Int, y: Int, color: TerminalColor) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let index = (y >> 2) * width + (x >> 1)
        bits[index] |= BrailleLayer.dotBits[y & 3][x & 1]
        colors[index] = color
    }

    /// Draws a line between two points in continuous dot coordinates (dot centres at integers).
    ///
    /// Non-finite endpoints draw nothing. The segment is clipped to the layer first; at most
    /// `budget` dots are set and the budget is reduced by the dots drawn.
    public mutating func line(
        from start: (x: Double, y: Double), to end: (x: Double, y: Double),
        color: TerminalColor, budget: inout Int
    ) {
        guard budget > 0, dotWidth > 0, dotHeight > 0 else { return }
        guard let (a, b) = clip(start, end) else { return }
        // Clipped coordinates lie within half a dot of the layer; rounding may still step outside.
        var x0 = clamp(a.x, dotWidth), y0 = clamp(a.y, dotHeight)
        let x1 = clamp(b.x, dotWidth), y1 = clamp(b.y, dotHeight)
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var error = dx + dy
        while budget > 0 {
            setDot(x: x0, y: y0, color: color)
            budget -= 1
            if x0 == x1 && y0 == y1 { break }
            let doubled = 2 * error
            if doubled >= dy {
                error += dy
                x0 += sx
            }
            if doubled <= dx {
                error += dx
                y0 += sy
            }
        }
    }

    /// Copies the dots onto a canvas as braille glyphs in their cell colours, keeping backgrounds.
    public func composite(onto canvas: inout Canvas, attributes: CellAttributes = []) {
        for y in 0..<height {
            for x in 0..<width {
                let index = y * width + x
                let pattern = bits[index]
                guard pattern != 0 else { continue }
                let color = colors[index]
                canvas.modify(x: x, y: y) { cell in
                    cell.scalar = Unicode.Scalar(0x2800 + UInt32(pattern)) ?? " "
                    cell.foreground = color
                    cell.attributes = attributes
                }
            }
        }
    }

    /// The nearest dot index in 0..<count; compared as doubles first, since converting a huge
    /// value (or NaN) to Int traps.
    private func clamp(_ value: Double, _ count: Int) -> Int {
        let rounded = value.rounded()
        guard rounded > 0 else { return 0 }
        guard rounded < Double(count - 1) else { return count - 1 }
        return Int(rounded)
    }

    /// Liang–Barsky clipping to the dot rectangle widened by half a dot.
    private func clip(
        _ p: (x: Double, y: Double), _ q: (x: Double, y: Double)
    ) -> ((x: Double, y: Double), (x: Double, y: Double))? {
        guard p.x.isFinite, p.y.isFinite, q.x.isFinite, q.y.isFinite else { return nil }
        let dx = q.x - p.x, dy = q.y - p.y
        guard dx.isFinite, dy.isFinite else { return nil }
        let minX = -0.5, maxX = Double(dotWidth) - 0.500001
        let minY = -0.5, maxY = Double(dotHeight) - 0.500001
        var t0 = 0.0, t1 = 1.0
        var entry = -1, exit = -1
        let edges = [(-dx, p.x - minX), (dx, maxX - p.x), (-dy, p.y - minY), (dy, maxY - p.y)]
        for (edge, (pk, qk)) in edges.enumerated() {
            if pk == 0 {
                if qk < 0 { return nil }
            } else {
                let r = qk / pk
                if pk < 0 {
                    if r > t1 { return nil }
                    if r > t0 {
                        t0 = r
                        entry = edge
                    }
                } else {
                    if r < t0 { return nil }
                    if r < t1 {
                        t1 = r
                        exit = edge
                    }
                }
            }
        }
        // With huge coordinates p + t·d loses every digit of the clipped point; the coordinate
        // along the crossed edge is known exactly, so snap it there.
        let bounds = [minX, maxX, minY, maxY]
        var a = (x: p.x + t0 * dx, y: p.y + t0 * dy)
        var b = (x: p.x + t1 * dx, y: p.y + t1 * dy)
        if entry >= 0 {
            if entry < 2 { a.x = bounds[entry] } else { a.y = bounds[entry] }
        }
        if exit >= 0 {
            if exit < 2 { b.x = bounds[exit] } else { b.y = bounds[exit] }
        }
        // The other coordinate can still be far off: for endpoints near 1e57 that pass close to
        // the layer, p + t·d cancels away every significant digit. Keep it on the rectangle.
        a = (min(maxX, max(minX, a.x)), min(maxY, max(minY, a.y)))
        b = (min(maxX, max(minX, b.x)), min(maxY, max(minY, b.y)))
        return (a, b)
    }
}
