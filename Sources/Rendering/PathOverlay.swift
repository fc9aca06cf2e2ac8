/// Optimizer paths in data coordinates, drawn as braille lines with a marker at the current point.
///
/// Everything is clipped to the panel; non-finite points break a path; each path has a dot budget
/// (newest segments drawn first) so very long or wild paths cannot stall a frame.
public struct PathOverlay: Widget {
    /// One path: points in data coordinates, a colour and an optional marker for the current point.
    public struct Path: Sendable {
        /// The points in order (x, y in data units).
        public var points: [SIMD2<Double>]
        /// Line and marker colour.
        public var color: TerminalColor
        /// Glyph drawn at the current point, if any.
        public var marker: Character?
        /// Index of the current point; points after it are not drawn. Nil means the last point.
        public var currentIndex: Int?

        /// Creates a path.
        public init(points: [SIMD2<Double>], color: TerminalColor, marker: Character? = nil, currentIndex: Int? = nil) {
            self.points = points
            self.color = color
            self.marker = marker
            self.currentIndex = currentIndex
        }
    }

    /// The data rectangle the panel shows (the heatmap's viewport).
    public var viewport: Viewport
    /// Paths, drawn in order (later paths own the colour of shared cells).
    public var paths: [Path]
    /// Known minima, marked with `minimumGlyph`.
    public var minima: [SIMD2<Double>]
    /// Glyph for minima.
    public var minimumGlyph: Character
    /// Colour for minima markers.
    public var minimumColor: TerminalColor
    /// Upper bound on dots drawn per path.
    public var dotBudgetPerPath: Int

    /// Creates an overlay.
    public init(
        viewport: Viewport, paths: [Path], minima: [SIMD2<Double>] = [],
        minimumGlyph: Character = "✕", minimumColor: TerminalColor = .rgb(255, 255, 255),
        dotBudgetPerPath: Int = 100_000
    ) {
        self.viewport = viewport
        self.paths = paths
        self.minima = minima
        self.minimumGlyph = minimumGlyph
        self.minimumColor = minimumColor
        self.dotBudgetPerPath = dotBudgetPerPath
    }

    /// Draws minima, path lines and current-point markers over the view, keeping backgrounds.
    public func render(into canvas: inout Canvas) {
        let width = canvas.width, height = canvas.height
        guard width > 0, height > 0 else { return }
        for minimum in minima {
            if let cell = cellPosition(minimum, width: width, height: height) {
                canvas.modify(x: cell.x, y: cell.y) {
                    $0.glyph = minimumGlyph
                    $0.foreground = minimumColor
                    $0.attributes = .bold
                }
            }
        }
        var layer = BrailleLayer(width: width, height: height)
        for path in paths {
            var budget = max(0, dotBudgetPerPath)
            let last = lastIndex(of: path)
            guard last >= 1 else { continue }
            for index in stride(from: last, through: 1, by: -1) where budget > 0 {
                let a = dot(path.points[index - 1], layer: layer), b = dot(path.points[index], layer: layer)
                layer.line(from: a, to: b, color: path.color, budget: &budget)
            }
        }
        layer.composite(onto: &canvas)
        for path in paths {
            let last = lastIndex(of: path)
            guard let marker = path.marker, last >= 0,
                  let cell = cellPosition(path.points[last], width: width, height: height)
            else { continue }
            canvas.modify(x: cell.x, y: cell.y) {
                $0.glyph = marker
                $0.foreground = path.color
                $0.attributes = .bold
            }
        }
    }

    private func lastIndex(of path: Path) -> Int {
        let count = path.points.count
        guard count > 0 else { return -1 }
        guard let current = path.currentIndex else { return count - 1 }
        return min(count - 1, max(-1, current))
    }

    private func dot(_ point: SIMD2<Double>, layer: BrailleLayer) -> (x: Double, y: Double) {
        let f = viewport.fractions(x: point.x, y: point.y)
        return (f.x * Double(layer.dotWidth) - 0.5, f.fromTop * Double(layer.dotHeight) - 0.5)
    }

    private func cellPosition(_ point: SIMD2<Double>, width: Int, height: Int) -> Position? {
        let f = viewport.fractions(x: point.x, y: point.y)
        guard f.x.isFinite, f.fromTop.isFinite, f.x >= 0, f.x <= 1, f.fromTop >= 0, f.fromTop <= 1 else { return nil }
        return Position(x: min(width - 1, Int(f.x * Double(width))), y: min(height - 1, Int(f.fromTop * Double(height))))
    }
}
