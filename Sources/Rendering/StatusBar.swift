/// One line with left- and right-aligned parts; the left part is cut with "…" to leave room for the right.
public struct StatusBar: Widget {
    /// Text at the left edge.
    public var left: String
    /// Text at the right edge (kept whole when possible).
    public var right: String
    /// Style of the whole line.
    public var style: Style

    /// Creates a status bar.
    public init(left: String, right: String = "", style: Style = .reverse) {
        self.left = left
        self.right = right
        self.style = style
    }

    /// Draws on the first row of the view.
    public func render(into canvas: inout Canvas) {
        let width = canvas.width
        guard width > 0, canvas.height > 0 else { return }
        canvas.horizontalLine(x: 0, y: 0, length: width, glyph: " ", style: style)
        let rightText = TextMetrics.truncate(right, to: width)
        let rightWidth = TextMetrics.width(rightText)
        canvas.write(rightText, x: width - rightWidth, y: 0, style: style)
        let room = width - rightWidth - (rightWidth > 0 ? 1 : 0)
        canvas.write(left, x: 0, y: 0, style: style, maxWidth: max(0, room))
    }
}
