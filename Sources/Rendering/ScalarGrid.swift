/// A rectangular grid of values, row 0 at the top of the picture, as heatmaps and contours read it.
public struct ScalarGrid: Sendable {
    /// Number of columns.
    public let columns: Int
    /// Number of rows.
    public let rows: Int
    /// Values row-major (`row * columns + column`); may hold NaN or infinities.
    public private(set) var values: [Double]

    /// Creates a grid; a `values` array of the wrong length is padded with NaN or cut.
    public init(columns: Int, rows: Int, values: [Double]) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        let count = self.columns * self.rows
        if values.count == count {
            self.values = values
        } else if values.count > count {
            self.values = Array(values.prefix(count))
        } else {
            self.values = values + Array(repeating: .nan, count: count - values.count)
        }
    }

    /// Samples `function(x, y)` at the centres of a `columns` x `rows` lattice over a viewport,
    /// row 0 at the viewport's top (largest y).
    public static func sampling(
        _ viewport: Viewport, columns: Int, rows: Int, _ function: (Double, Double) -> Double
    ) -> ScalarGrid {
        let c = max(0, columns), r = max(0, rows)
        var values: [Double] = []
        values.reserveCapacity(c * r)
        for row in 0..<r {
            let fy = (Double(row) + 0.5) / Double(r)
            for column in 0..<c {
                let fx = (Double(column) + 0.5) / Double(c)
                let point = viewport.point(fractionX: fx, fractionFromTop: fy)
                values.append(function(point.x, point.y))
            }
        }
        return ScalarGrid(columns: c, rows: r, values: values)
    }

    /// The value at (column, row); NaN outside the grid.
    public subscript(column: Int, row: Int) -> Double {
        guard column >= 0, row >= 0, column < columns, row < rows else { return .nan }
        return values[row * columns + column]
    }

    /// Bilinear interpolation at fractional grid coordinates (clamped to the grid); NaN if any
    /// contributing sample is not finite.
    public func interpolated(column: Double, row: Double) -> Double {
        guard columns > 0, rows > 0, column.isFinite, row.isFinite else { return .nan }
        let cx = min(Double(columns - 1), max(0, column))
        let cy = min(Double(rows - 1), max(0, row))
        let x0 = Int(cx), y0 = Int(cy)
        let x1 = min(columns - 1, x0 + 1), y1 = min(rows - 1, y0 + 1)
        let fx = cx - Double(x0), fy = cy - Double(y0)
        let a = self[x0, y0], b = self[x1, y0], c = self[x0, y1], d = self[x1, y1]
        let top = a + (b - a) * fx
        let bottom = c + (d - c) * fx
        let value = top + (bottom - top) * fy
        return value.isFinite ? value : .nan
    }
}
