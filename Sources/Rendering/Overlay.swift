/// A bordered box with a title centred over the view, for help screens and dialogs.
///
/// The box is sized to its wrapped text (plus a border and one column of padding), limited to
/// `maxWidth` and to the view; the area under it is cleared first.
public struct Overlay: Widget {
    /// Title in the top border.
    public var title: String
    /// Body text, wrapped.
    public var text: String
    /// Largest box width including the border.
    public var maxWidth: Int
    /// Style of the box interior and text.
    public var style: Style
    /// Style of the border and title.
    public var borderStyle: Style
    /// Line set of the border.
    public var border: BorderStyle

    /// Creates an overlay.
    public init(title: String, text: String, maxWidth: Int = 72, style: Style = .plain, borderStyle: Style = .bold, border: BorderStyle = .rounded) {
        self.title = title
        self.text = text
        self.maxWidth = maxWidth
        self.style = style
        self.borderStyle = borderStyle
        self.border = border
    }

    /// The rectangle the box occupies inside `bounds`.
    public func frame(in bounds: Rect) -> Rect {
        let widest = text.split(separator: "\n", omittingEmptySubsequences: false).map { TextMetrics.width(String($0)) }.max() ?? 0
        let innerLimit = max(0, min(maxWidth, bounds.width) - 4)
        let innerWidth = min(max(widest, TextMetrics.width(title) + 2), innerLimit)
        let lines = TextBlock.wrap(text, width: max(1, innerWidth)).count
        return bounds.centered(width: innerWidth + 4, height: lines + 2)
    }

    /// Draws the box centred in the view.
    public func render(into canvas: inout Canvas) {
        let box = frame(in: canvas.bounds)
        guard box.width >= 2, box.height >= 2 else { return }
        canvas.fill(box, with: Cell(" ", style: style))
        canvas.box(box, title: title, border: border, style: borderStyle)
        canvas.render(TextBlock(text, style: style), in: box.inset(dx: 2, dy: 1))
    }
}
