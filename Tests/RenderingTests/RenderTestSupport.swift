import Rendering

/// Renders a widget into a fresh canvas and returns its plain text.
func rendered(_ widget: some Widget, width: Int, height: Int) -> String {
    var canvas = Canvas(width: width, height: height)
    canvas.render(widget, in: canvas.bounds)
    return canvas.plainText()
}

/// Renders a widget into a fresh canvas and returns the canvas.
func canvas(_ widget: some Widget, width: Int, height: Int) -> Canvas {
    var canvas = Canvas(width: width, height: height)
    canvas.render(widget, in: canvas.bounds)
    return canvas
}
