/// A grid of values drawn as colour: the upper half block "▀" with the top pixel as foreground and
/// the bottom pixel as background, two square-ish pixels per cell.
///
/// The grid is resampled (nearest neighbour) to `width` x `2·height` pixels; sample it at
/// `pixelSize(for:)` for a one-to-one picture. Non-finite values are left uncoloured. In
/// `.none` mode each cell shows a shade glyph for the mean of its two pixels instead.
public struct HeatmapWidget: Widget {
    /// The values, row 0 at the top.
    public var grid: ScalarGrid
    /// Maps values to 0...1; share it with contours and colour bars so they agree.
    public var scale: ColorScale
    /// The colours.
    public var colormap: Colormap
    /// The output colour mode (only `.none` changes what is drawn).
    public var mode: ColorMode

    /// Creates a heatmap with an explicit scale.
    public init(grid: ScalarGrid, scale: ColorScale, colormap: Colormap = .viridis, mode: ColorMode = .direct) {
        self.grid = grid
        self.scale = scale
        self.colormap = colormap
        self.mode = mode
    }

    /// Creates a heatmap whose scale is fitted to the grid's finite values.
    public init(
        grid: ScalarGrid, kind: ScaleKind = .linear, range: RangeSelection = .robust,
        colormap: Colormap = .viridis, mode: ColorMode = .direct
    ) {
        self.init(grid: grid, scale: .fitting(grid.values, kind: kind, range: range), colormap: colormap, mode: mode)
    }

    /// The grid size that maps one value to one pixel in a rect of this size: width x 2·height.
    public static func pixelSize(for rect: Rect) -> (columns: Int, rows: Int) {
        (max(0, rect.width), max(0, rect.height) * 2)
    }

    /// Draws the heatmap over the whole view.
    public func render(into canvas: inout Canvas) {
        let width = canvas.width, height = canvas.height
        guard width > 0, height > 0, grid.columns > 0, grid.rows > 0 else { return }
        let pixelRows = height * 2
        let columnMap = (0..<width).map { min(grid.columns - 1, $0 * grid.columns / width) }
        for y in 0..<height {
            let topRow = min(grid.rows - 1, (2 * y) * grid.rows / pixelRows)
            let bottomRow = min(grid.rows - 1, (2 * y + 1) * grid.rows / pixelRows)
            for x in 0..<width {
                let top = scale.normalized(grid[columnMap[x], topRow])
                let bottom = scale.normalized(grid[columnMap[x], bottomRow])
                canvas[x, y] = cell(top: top, bottom: bottom)
            }
        }
    }

    private func cell(top: Double?, bottom: Double?) -> Cell {
        if mode == .none {
            switch (top, bottom) {
            case let (top?, bottom?): return Cell(ShadeRamp.glyph(at: (top + bottom) / 2))
            case let (value?, nil), let (nil, value?): return Cell(ShadeRamp.glyph(at: value))
            case (nil, nil): return .blank
            }
        }
        switch (top, bottom) {
        case let (top?, bottom?):
            return Cell(scalar: "▀", foreground: colormap.color(at: top), background: colormap.color(at: bottom))
        case let (top?, nil):
            return Cell(scalar: "▀", foreground: colormap.color(at: top))
        case let (nil, bottom?):
            return Cell(scalar: "▄", foreground: colormap.color(at: bottom))
        case (nil, nil):
            return .blank
        }
    }
}
