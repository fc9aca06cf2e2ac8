/// Rows of text columns with an optional coloured swatch: legends, optimizer tables, settings.
public struct Table: Widget {
    /// A column: title, width and alignment.
    public struct Column: Sendable {
        /// Header text.
        public var title: String
        /// Fixed width in cells; nil fits the widest entry (title included).
        public var width: Int?
        /// Right-align (numbers) instead of left.
        public var alignRight: Bool

        /// Creates a column.
        public init(_ title: String, width: Int? = nil, alignRight: Bool = false) {
            self.title = title
            self.width = width
            self.alignRight = alignRight
        }
    }

    /// A row: an optional swatch glyph in a colour, then one text per column.
    public struct Row: Sendable {
        /// Swatch glyph (e.g. the series marker), shown in `swatchColor` before the columns.
        public var swatch: Character?
        /// Swatch colour.
        public var swatchColor: TerminalColor
        /// Column texts; missing ones are blank, extra ones ignored.
        public var cells: [String]
        /// Style of the texts.
        public var style: Style

        /// Creates a row.
        public init(swatch: Character? = nil, swatchColor: TerminalColor = .default, cells: [String], style: Style = .plain) {
            self.swatch = swatch
            self.swatchColor = swatchColor
            self.cells = cells
            self.style = style
        }
    }

    /// The columns.
    public var columns: [Column]
    /// The rows.
    public var rows: [Row]
    /// Whether to draw the header line.
    public var showHeader: Bool
    /// Header style.
    public var headerStyle: Style
    /// Index of a highlighted row (drawn in reverse video).
    public var selectedRow: Int?

    /// Creates a table.
    public init(columns: [Column], rows: [Row], showHeader: Bool = true, headerStyle: Style = .bold, selectedRow: Int? = nil) {
        self.columns = columns
        self.rows = rows
        self.showHeader = showHeader
        self.headerStyle = headerStyle
        self.selectedRow = selectedRow
    }

    /// Draws the header and as many rows as fit.
    public func render(into canvas: inout Canvas) {
        guard canvas.width > 0, canvas.height > 0 else { return }
        let hasSwatch = rows.contains { $0.swatch != nil }
        let swatchWidth = hasSwatch ? 2 : 0
        let widths = columns.enumerated().map { index, column in
            column.width.map { max(0, $0) } ?? rows.reduce(TextMetrics.width(column.title)) {
                max($0, index < $1.cells.count ? TextMetrics.width($1.cells[index]) : 0)
            }
        }
        var y = 0
        if showHeader {
            write(columns.map(\.title), widths: widths, x: swatchWidth, y: y, style: headerStyle, into: &canvas)
            y += 1
        }
        for (index, row) in rows.enumerated() where y < canvas.height {
            var style = row.style
            if index == selectedRow {
                style.attributes.insert(.reverse)
                canvas.horizontalLine(x: 0, y: y, length: canvas.width, glyph: " ", style: style)
            }
            if let swatch = row.swatch {
                canvas[0, y] = Cell(swatch, style: style.foreground(row.swatchColor))
            }
            write(row.cells, widths: widths, x: swatchWidth, y: y, style: style, into: &canvas)
            y += 1
        }
    }

    private func write(_ texts: [String], widths: [Int], x: Int, y: Int, style: Style, into canvas: inout Canvas) {
        var column = x
        for (index, width) in widths.enumerated() {
            let text = index < texts.count ? texts[index] : ""
            let available = min(width, canvas.width - column)
            guard available > 0 else { break }
            canvas.write(TextMetrics.pad(text, to: available, alignRight: columns[index].alignRight), x: column, y: y, style: style)
            column += width + 1
        }
    }
}
