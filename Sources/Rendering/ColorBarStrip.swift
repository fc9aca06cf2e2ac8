/// A one-row colour bar: the colormap from its lowest to its highest value left to right, with
/// value labels written over it at evenly spaced positions (values from the scale, so a log
/// scale's labels are log-spaced). Without colour, the glyph ramp stands in.
public struct ColorBarStrip: Widget {
    /// The scale whose values label the bar.
    public var scale: ColorScale
    /// The colours.
    public var colormap: Colormap
    /// Output colour mode.
    public var mode: ColorMode

    /// Creates a colour bar.
    public init(scale: ColorScale, colormap: Colormap = .viridis, mode: ColorMode = .direct) {
        self.scale = scale
        self.colormap = colormap
        self.mode = mode
    }

    public func render(into canvas: inout Canvas) {
        let width = canvas.width
        guard width >= 8, canvas.height > 0 else { return }
        var backgrounds: [TerminalColor] = []
        for x in 0..<width {
            let t = (Double(x) + 0.5) / Double(width)
            let color = colormap.color(at: t)
            backgrounds.append(color)
            canvas[x, 0] = mode == .none ? Cell(ShadeRamp.glyph(at: t)) : Cell(scalar: " ", background: color)
        }
        guard mode != .none else { return }
        // Labels at the ends and, where they fit, in between; dark text on light colours.
        let count = max(2, min(5, width / 9))
        var nextFree = 0
        for index in 0..<count {
            let t = Double(index) / Double(count - 1)
            let label = Ticks.label(scale.value(at: t))
            let labelWidth = TextMetrics.width(label)
            let start = min(width - labelWidth, max(0, Int(t * Double(width)) - (index == 0 ? 0 : labelWidth / 2)))
            guard start >= nextFree, start + labelWidth <= width else { continue }
            for (offset, character) in label.enumerated() {
                let background = backgrounds[start + offset]
                let light = (background.luminance ?? 0) > 0.5
                canvas[start + offset, 0] = Cell(character, foreground: light ? .rgb(20, 20, 20) : .rgb(240, 240, 240),
                                                 background: background)
            }
            nextFree = start + labelWidth + 1
        }
    }
}
