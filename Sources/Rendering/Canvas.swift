/// An in-memory grid of cells that widgets draw into and terminals diff.
///
/// Coordinates are relative to the current *view*. At first the view is the whole buffer;
/// `region(_:_:)` narrows it to a rectangle so a widget can draw at (0, 0) without knowing where
/// it sits. Every write outside the view or the buffer is dropped silently: drawing never traps.
public struct Canvas: Sendable {
    /// Width of the whole buffer.
    public let bufferWidth: Int
    /// Height of the whole buffer.
    public let bufferHeight: Int
    /// All cells of the buffer, row-major (`y * bufferWidth + x`), independent of the current view.
    public private(set) var cells: [Cell]

    /// The current view in buffer coordinates (may extend outside the buffer).
    private var view: Rect
    /// The writable part of the view in buffer coordinates.
    private var clip: Rect

    /// Creates a blank canvas; negative sizes are treated as zero.
    public init(width: Int, height: Int, fill: Cell = .blank) {
        bufferWidth = max(0, width)
        bufferHeight = max(0, height)
        cells = Array(repeating: fill, count: bufferWidth * bufferHeight)
        view = Rect(x: 0, y: 0, width: bufferWidth, height: bufferHeight)
        clip = view
    }

    /// Width of the current view.
    public var width: Int { max(0, view.width) }
    /// Height of the current view.
    public var height: Int { max(0, view.height) }
    /// The current view in its own coordinates: origin (0, 0), size `width` x `height`.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (x, y) of the current view; reads outside give a blank cell, writes outside are dropped.
    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard let index = index(x, y) else { return .blank }
            return cells[index]
        }
        set {
            guard let index = index(x, y) else { return }
            cells[index] = newValue
        }
    }

    /// Puts a cell at a position of the current view (clipped).
    public mutating func put(_ cell: Cell, at position: Position) {
        self[position.x, position.y] = cell
    }

    /// Puts a cell at (x, y) of the current view (clipped).
    public mutating func put(_ cell: Cell, x: Int, y: Int) {
        self[x, y] = cell
    }

    /// Changes the cell at (x, y) in place when it is writable; does nothing otherwise.
    public mutating func modify(x: Int, y: Int, _ change: (inout Cell) -> Void) {
        guard let index = index(x, y) else { return }
        change(&cells[index])
    }

    /// Whether (x, y) of the current view is writable (inside both the view and the buffer).
    public func isWritable(x: Int, y: Int) -> Bool { index(x, y) != nil }

    /// Runs `draw` with the view narrowed to `rect` (in current view coordinates), then restores it.
    ///
    /// Inside `draw`, (0, 0) is the rectangle's top-left corner, `width`/`height` are its size and
    /// writes are clipped to the rectangle intersected with the enclosing view.
    @discardableResult
    public mutating func region<Result>(_ rect: Rect, _ draw: (inout Canvas) throws -> Result) rethrows -> Result {
        let savedView = view, savedClip = clip
        defer {
            view = savedView
            clip = savedClip
        }
        let absolute = Rect(x: view.x &+ rect.x, y: view.y &+ rect.y, width: max(0, rect.width), height: max(0, rect.height))
        view = absolute
        clip = savedClip.intersection(absolute)
        return try draw(&self)
    }

    func index(_ x: Int, _ y: Int) -> Int? {
        let (ax, overflowX) = view.x.addingReportingOverflow(x)
        let (ay, overflowY) = view.y.addingReportingOverflow(y)
        guard !overflowX, !overflowY, clip.contains(x: ax, y: ay) else { return nil }
        return ay * bufferWidth + ax
    }
}
