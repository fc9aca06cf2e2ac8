/// Something that draws itself into the current view of a canvas.
public protocol Widget {
    /// Draws into `canvas.bounds`; the canvas clips everything outside.
    func render(into canvas: inout Canvas)
}

extension Canvas {
    /// Renders a widget into `rect` of the current view.
    public mutating func render(_ widget: some Widget, in rect: Rect) {
        region(rect) { widget.render(into: &$0) }
    }
}
