/// Optimizer paths in data coordinates, drawn as braille lines with a marker at the current point.
///
/// Markers sharing a cell show the top one with a count; a current point outside the view shows
/// as an arrow in its colour at the view's edge, pointing at it.
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
    /// Saddle points, marked `⋈` in the minima's colour.
    public var saddles: [SIMD2<Double>] = []

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
        for (point, glyph) in minima.map({ ($0, minimumGlyph) }) + saddles.map({ ($0, Character("⋈")) }) {
            if let cell = cellPosition(point, width: width, height: height) {
                canvas.modify(x: cell.x, y: cell.y) {
                    $0.glyph = glyph
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
        drawMarkers(into: &canvas, width: width, height: height)
    }

    /// Current-point markers: where several share a cell, the last path's (the one drawn on top)
    /// with the count beside it; a point outside the view gets an arrow at the edge pointing at it.
    private func drawMarkers(into canvas: inout Canvas, width: Int, height: Int) {
        var cells: [Position: (marker: Character, color: TerminalColor, count: Int)] = [:]
        var order: [Position] = []
        for path in paths {
            let last = lastIndex(of: path)
            guard let marker = path.marker, last >= 0 else { continue }
            let point = path.points[last]
            if let cell = cellPosition(point, width: width, height: height) {
                if cells[cell] == nil { order.append(cell) }
                cells[cell] = (marker, path.color, (cells[cell]?.count ?? 0) + 1)
            } else if let edge = edgeArrow(point, width: width, height: height) {
                canvas.modify(x: edge.cell.x, y: edge.cell.y) {
                    $0.glyph = edge.arrow
                    $0.foreground = path.color
                    $0.attributes = .bold
                }
            }
        }
        for cell in order {
            guard let entry = cells[cell] else { continue }
            canvas.modify(x: cell.x, y: cell.y) {
                $0.glyph = entry.marker
                $0.foreground = entry.color
                $0.attributes = .bold
            }
            guard entry.count > 1 else { continue }
            // The count goes right of the marker, or left of it at the right edge.
            let x = cell.x + 1 < width ? cell.x + 1 : cell.x - 1
            guard x >= 0 else { continue }
            canvas.modify(x: x, y: cell.y) {
                $0.glyph = entry.count > 9 ? "+" : Character(String(entry.count))
                $0.foreground = entry.color
                $0.attributes = .bold
            }
        }
    }

    /// The edge cell towards a finite point outside the view, and the arrow pointing at it.
    private func edgeArrow(_ point: SIMD2<Double>, width: Int, height: Int) -> (cell: Position, arrow: Character)? {
        let f = viewport.fractions(x: point.x, y: point.y)
        guard f.x.isFinite, f.fromTop.isFinite else { return nil }
        let column = f.x < 0 ? 0 : f.x > 1 ? width - 1 : min(width - 1, Int(f.x * Double(width)))
        let row = f.fromTop < 0 ? 0 : f.fromTop > 1 ? height - 1 : min(height - 1, Int(f.fromTop * Double(height)))
        let horizontal = f.x < 0 ? -1 : f.x > 1 ? 1 : 0
        let vertical = f.fromTop < 0 ? -1 : f.fromTop > 1 ? 1 : 0
        let arrows: [[Character]] = [["↖", "↑", "↗"], ["←", " ", "→"], ["↙", "↓", "↘"]]
        return (Position(x: column, y: row), arrows[vertical + 1][horizontal + 1])
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
