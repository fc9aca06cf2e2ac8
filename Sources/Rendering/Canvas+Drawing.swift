extension Canvas {
    /// Writes one line of text starting at (x, y); the text is clipped, never wrapped.
    ///
    /// With `maxWidth`, text longer than that many cells is cut and ends in "…".
    /// Returns the column after the last written cell.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        let shown = maxWidth.map { TextMetrics.truncate(text, to: $0) } ?? text
        var column = x
        for scalar in TextMetrics.cellScalars(shown) {
            self[column, y] = Cell(
                scalar: scalar, foreground: style.foreground, background: style.background,
                attributes: style.attributes)
            column &+= 1
        }
        return column
    }

    /// Fills a rectangle of the current view with one cell.
    public mutating func fill(_ rect: Rect, with cell: Cell) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { self[x, y] = cell }
        }
    }

    /// Fills the whole current view with one cell.
    public mutating func fill(with cell: Cell) {
        fill(bounds, with: cell)
    }

    /// Blanks the whole current view (spaces in `style`).
    public mutating func clear(style: Style = .plain) {
        fill(bounds, with: Cell(" ", style: style))
    }

    /// Draws a horizontal line of `glyph` from (x, y) over `length` cells.
    public mutating func horizontalLine(x: Int, y: Int, length: Int, glyph: Character = "─", style: Style = .plain) {
        guard length > 0 else { return }
        let cell = Cell(glyph, style: style)
        let end = min(x &+ length, max(x, width))
        var column = max(x, 0)
        while column < end {
            self[column, y] = cell
            column += 1
        }
    }

    /// Draws a vertical line of `glyph` from (x, y) down over `length` cells.
    public mutating func verticalLine(x: Int, y: Int, length: Int, glyph: Character = "│", style: Style = .plain) {
        guard length > 0 else { return }
        let cell = Cell(glyph, style: style)
        let end = min(y &+ length, max(y, height))
        var row = max(y, 0)
        while row < end {
            self[x, row] = cell
            row += 1
        }
    }

    /// Draws a border around `rect` with an optional title in the top edge; returns the inside.
    ///
    /// The title is shown as " title " after the top-left corner and is truncated with "…" to fit.
    @discardableResult
    public mutating func box(
        _ rect: Rect,
        title: String? = nil,
        border: BorderStyle = .rounded,
        style: Style = .plain,
        titleStyle: Style? = nil
    ) -> Rect {
        guard rect.width > 0, rect.height > 0 else { return .zero }
        let (topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical) = border.glyphs
        let right = rect.maxX - 1, bottom = rect.maxY - 1
        horizontalLine(x: rect.x, y: rect.y, length: rect.width, glyph: horizontal, style: style)
        horizontalLine(x: rect.x, y: bottom, length: rect.width, glyph: horizontal, style: style)
        verticalLine(x: rect.x, y: rect.y, length: rect.height, glyph: vertical, style: style)
        verticalLine(x: right, y: rect.y, length: rect.height, glyph: vertical, style: style)
        if rect.width > 1 && rect.height > 1 {
            self[rect.x, rect.y] = Cell(topLeft, style: style)
            self[right, rect.y] = Cell(topRight, style: style)
            self[rect.x, bottom] = Cell(bottomLeft, style: style)
            self[right, bottom] = Cell(bottomRight, style: style)
        }
        if let title, !title.isEmpty, rect.width > 4 {
            write(" " + TextMetrics.truncate(title, to: rect.width - 4) + " ",
                  x: rect.x + 1, y: rect.y, style: titleStyle ?? style)
        }
        return rect.interior
    }
}
