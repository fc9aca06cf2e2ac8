import Foundation

/// A square matrix drawn as pixels (two per cell, upper and lower half block) on a signed
/// colour scale whose zero is dark, with a colour bar and ticks beside it and diagonal block
/// partitions outlined in two styles.
///
/// Where a pixel covers several entries it shows their mean. Zoom and pan come from a
/// `MatrixZoom`; `MatrixGeometry` says what is shown. Without colour each pixel is a glyph two
/// columns wide whose shape gives sign and magnitude.
public struct MatrixPixelHeatmap: Widget {
    /// Rows and columns.
    public var size: Int
    /// Entries row-major (`size * size`; missing entries are NaN).
    public let values: [Double]
    /// How values become colours.
    public let scaleKind: SignedScaleKind
    /// The problem's blocks (light dashed outline; also the blocks `.block` scaling normalises).
    public var problemBlocks: MatrixOutline?
    /// An optimizer's partition (heavy outline).
    public var partition: MatrixOutline?
    /// Zoom and pan.
    public var zoom: MatrixZoom
    /// Output colour mode.
    public var mode: ColorMode
    /// The colour ramp.
    public var colors: DivergingColors
    /// Whether the values are never negative (distances): the colour bar then runs from zero
    /// at the bottom to the maximum at the top, with no negative half that nothing uses.
    public var nonNegative: Bool

    /// Columns the colour bar and its labels take to the right of the matrix.
    public static let colorBarWidth = 11
    /// Blocks narrower than this many pixels are not outlined: their lines would hide the data.
    public static let smallestOutlinedPixels = 3

    /// Creates the widget.
    public init(size: Int, values: [Double], scaleKind: SignedScaleKind = .symlog, problemBlocks: MatrixOutline? = nil,
                partition: MatrixOutline? = nil, zoom: MatrixZoom = .fitted, mode: ColorMode = .direct,
                colors: DivergingColors = .hessian, maximum: Double? = nil, nonNegative: Bool = false) {
        self.size = max(0, size)
        let count = self.size * self.size
        self.values = values.count >= count ? Array(values.prefix(count)) : values + Array(repeating: .nan, count: count - values.count)
        self.scaleKind = scaleKind
        self.problemBlocks = problemBlocks
        self.partition = partition
        self.zoom = zoom
        self.mode = mode
        self.colors = colors
        self.nonNegative = nonNegative
        // A fixed maximum keeps colours comparable between matrices (distances in [0, 1]).
        scale = maximum.map { SignedScale(maximum: $0, threshold: scaleKind == .symlog ? $0 / 1000 : nil) }
            ?? Self.fit(self.values, kind: scaleKind)
    }

    /// Where the matrix goes in a `width` x `height` view (the colour bar takes its columns first).
    public func geometry(width: Int, height: Int) -> MatrixGeometry {
        let boundaries = (problemBlocks.map { $0.ranges(size: size) } ?? []).map(\.lowerBound)
            + (partition.map { $0.ranges(size: size) } ?? []).map(\.lowerBound)
        return MatrixGeometry(size: size, boundaries: boundaries, width: max(0, width - Self.colorBarWidth),
                              height: height, halfBlocks: mode != .none, zoom: zoom)
    }

    /// The scale the colours follow (before per-block normalisation), fitted once per widget.
    public let scale: SignedScale

    private static func fit(_ values: [Double], kind: SignedScaleKind) -> SignedScale {
        switch kind {
        case .symlog: return .symlog(fitting: values)
        case .linear, .block:
            var largest = 0.0
            for value in values where value.isFinite { largest = max(largest, abs(value)) }
            return .linear(maximum: largest)
        }
    }

    /// Mean of the finite entries pixel (px, py) covers (NaN when none is finite).
    func pixelValue(_ geometry: MatrixGeometry, px: Int, py: Int) -> Double {
        let rows = geometry.entries(ofPixel: py, origin: geometry.zoom.row)
        let columns = geometry.entries(ofPixel: px, origin: geometry.zoom.column)
        var sum = 0.0, count = 0
        for r in rows {
            let base = r * size
            for c in columns {
                let value = values[base + c]
                if value.isFinite {
                    sum += value
                    count += 1
                }
            }
        }
        return count > 0 ? sum / Double(count) : .nan
    }

    /// Each entry's block under `.block` scaling, and the largest magnitude inside each diagonal block.
    private func blockNormalisation() -> (blockOf: [Int], maxima: [Double]) {
        let ranges = problemBlocks?.ranges(size: size) ?? []
        var blockOf = [Int](repeating: -1, count: size)
        var maxima: [Double] = []
        for (index, range) in ranges.enumerated() {
            var largest = 0.0
            for r in range {
                blockOf[r] = index
                for c in range where values[r * size + c].isFinite { largest = max(largest, abs(values[r * size + c])) }
            }
            maxima.append(largest)
        }
        return (blockOf, maxima)
    }

    /// The signed position in -1...1 of every pixel, row-major (NaN: nothing finite there).
    public func pixelPositions(_ geometry: MatrixGeometry) -> [Double] {
        let scale = self.scale
        let normalisation = scaleKind == .block ? blockNormalisation() : nil
        var result = [Double](repeating: .nan, count: geometry.pixelWidth * geometry.pixelHeight)
        for py in 0..<geometry.pixelHeight {
            for px in 0..<geometry.pixelWidth {
                let value = pixelValue(geometry, px: px, py: py)
                guard value.isFinite else { continue }
                if let (blockOf, maxima) = normalisation {
                    let r = geometry.entries(ofPixel: py, origin: geometry.zoom.row).lowerBound
                    let c = geometry.entries(ofPixel: px, origin: geometry.zoom.column).lowerBound
                    let a = blockOf[r], b = blockOf[c]
                    let reference = a >= 0 && b >= 0 ? (maxima[a] * maxima[b]).squareRoot() : scale.maximum
                    result[py * geometry.pixelWidth + px] = reference > 0 ? max(-1, min(1, value / reference)) : 0
                } else {
                    result[py * geometry.pixelWidth + px] = scale.position(value) ?? .nan
                }
            }
        }
        return result
    }

    public func render(into canvas: inout Canvas) {
        guard size > 0, canvas.width > 0, canvas.height > 0 else { return }
        let geometry = self.geometry(width: canvas.width, height: canvas.height)
        let positions = pixelPositions(geometry)
        let width = geometry.pixelWidth, cellHeight = geometry.cellHeight
        for y in 0..<cellHeight {
            for px in 0..<width {
                if mode == .none {
                    let glyph = Self.glyph(positions[y * width + px])
                    canvas[2 * px, y] = Cell(glyph)
                    canvas[2 * px + 1, y] = Cell(glyph)
                } else {
                    let top = positions[2 * y * width + px]
                    let bottom = 2 * y + 1 < geometry.pixelHeight ? positions[(2 * y + 1) * width + px] : .nan
                    canvas[px, y] = Cell(scalar: "▀", foreground: pixelColor(top), background: 2 * y + 1 < geometry.pixelHeight ? pixelColor(bottom) : .default)
                }
            }
        }
        drawOutlines(geometry, into: &canvas)
        drawColorBar(x: geometry.cellWidth + 1, height: cellHeight, into: &canvas)
    }

    private func pixelColor(_ t: Double) -> TerminalColor {
        t.isFinite ? colors.color(at: t) : .rgb(90, 90, 90)
    }

    /// Sign-and-magnitude glyphs for no-colour mode: four steps each way.
    static func glyph(_ t: Double) -> Character {
        guard t.isFinite else { return "?" }
        if t == 0 { return " " }
        let step = min(3, Int(abs(t) * 4))
        return t > 0 ? ["·", "+", "#", "█"][step] : [",", "-", "=", "≡"][step]
    }

    private func drawOutlines(_ geometry: MatrixGeometry, into canvas: inout Canvas) {
        let cellWidth = geometry.cellWidth, cellHeight = geometry.cellHeight
        func mask(_ outline: MatrixOutline?) -> LineMask {
            var mask = LineMask(width: cellWidth, height: cellHeight)
            guard let outline else { return mask }
            for range in outline.ranges(size: size) {
                let x0 = geometry.pixel(ofEntry: range.lowerBound, origin: geometry.zoom.column)
                // A block ends with the pixel that holds its last entry (pixels may hold the next block's too).
                let x1 = geometry.pixel(afterEntriesEndingAt: range.upperBound, origin: geometry.zoom.column)
                let y0 = geometry.pixel(ofEntry: range.lowerBound, origin: geometry.zoom.row)
                let y1 = geometry.pixel(afterEntriesEndingAt: range.upperBound, origin: geometry.zoom.row)
                guard x1 - x0 >= Self.smallestOutlinedPixels, x1 > 0, x0 < geometry.pixelWidth,
                      y1 > 0, y0 < geometry.pixelHeight else { continue }
                let left = x0 * geometry.cellsPerPixelAcross
                let right = x1 * geometry.cellsPerPixelAcross - 1
                let top = y0 / geometry.pixelsPerCellDown, bottom = (y1 - 1) / geometry.pixelsPerCellDown
                if x0 >= 0 { mask.vertical(x: left, from: top, to: bottom) }
                if x1 <= geometry.pixelWidth { mask.vertical(x: right, from: top, to: bottom) }
                if y0 >= 0 { mask.horizontal(y: top, from: left, to: right) }
                if y1 <= geometry.pixelHeight { mask.horizontal(y: bottom, from: left, to: right) }
            }
            return mask
        }
        let problem = mask(problemBlocks), own = mask(partition)
        let problemColor = problemBlocks?.color ?? MatrixOutline.problemColor
        let ownColor = partition?.color ?? MatrixOutline.partitionColor
        for y in 0..<cellHeight {
            for x in 0..<cellWidth {
                let a = problem.masks[y * cellWidth + x], b = own.masks[y * cellWidth + x]
                guard a | b != 0 else { continue }
                canvas.modify(x: x, y: y) { cell in
                    if a != 0 && b != 0 {
                        cell.glyph = MatrixOutline.bothGlyphs[Int((a | b) & 15)]
                        cell.foreground = ownColor
                    } else if b != 0 {
                        cell.glyph = BoxLines.heavy[Int(b & 15)]
                        cell.foreground = ownColor
                    } else {
                        cell.glyph = MatrixOutline.problemGlyphs[Int(a & 15)]
                        cell.foreground = problemColor
                    }
                    cell.attributes = .bold
                    if mode == .none { cell.background = .default }
                }
            }
        }
    }

    /// The colour bar: +1 at the top to -1 (or 0 for non-negative values) at the bottom, with
    /// value ticks (or, per block, fractions of each block's largest entry).
    private func drawColorBar(x: Int, height: Int, into canvas: inout Canvas) {
        guard height >= 3 else { return }
        let pixels = 2 * height
        let bottom = nonNegative ? 0.0 : -1.0
        func position(pixel j: Int) -> Double { 1 - (1 - bottom) * (Double(j) + 0.5) / Double(pixels) }
        for y in 0..<height {
            if mode == .none {
                canvas[x, y] = Cell(Self.glyph(position(pixel: 2 * y)))
            } else {
                canvas[x, y] = Cell(scalar: "▀", foreground: colors.color(at: position(pixel: 2 * y)),
                                    background: colors.color(at: position(pixel: 2 * y + 1)))
                canvas[x + 1, y] = canvas[x, y]
            }
        }
        let labelX = x + 3
        var used = Set<Int>()
        let scale = self.scale
        let ticks: [(Double, String)]
        if scaleKind == .block {
            ticks = [(1, "1×max"), (0.5, "0.5"), (0, "0"), (-0.5, "-0.5"), (-1, "-1×max")]
        } else {
            ticks = scale.ticks(maxCount: max(3, height / 2)).compactMap { value in
                guard !nonNegative || value >= 0 else { return nil }
                return (scale.position(value) ?? 0, Ticks.label(value))
            }
        }
        for (t, label) in ticks {
            let row = min(height - 1, max(0, Int(((1 - t) / (1 - bottom) * Double(height)).rounded(.down))))
            let clampedRow = t >= 1 ? 0 : t <= bottom ? height - 1 : row
            guard !used.contains(clampedRow), !used.contains(clampedRow - 1), !used.contains(clampedRow + 1) else { continue }
            used.insert(clampedRow)
            canvas.write("─" + label, x: labelX - 1, y: clampedRow, style: Style(foreground: .rgb(170, 170, 180)),
                         maxWidth: Self.colorBarWidth - 3)
        }
    }
}
