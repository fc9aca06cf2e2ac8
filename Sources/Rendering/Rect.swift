/// A rectangle of cells; zero or negative sizes are allowed and simply contain nothing.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    /// Left column.
    public var x: Int
    /// Top row.
    public var y: Int
    /// Width in cells.
    public var width: Int
    /// Height in cells.
    public var height: Int

    /// Creates a rectangle.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The empty rectangle at the origin.
    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    /// One past the right-most column.
    public var maxX: Int { x &+ max(0, width) }
    /// One past the bottom row.
    public var maxY: Int { y &+ max(0, height) }
    /// True when the rectangle holds no cell.
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// Whether the cell at (x, y) lies inside.
    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && py >= y && px < maxX && py < maxY
    }

    /// The overlap of two rectangles (empty when they do not meet).
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(maxX, other.maxX), bottom = min(maxY, other.maxY)
        return Rect(x: left, y: top, width: max(0, right - left), height: max(0, bottom - top))
    }

    /// The rectangle shrunk by `dx` columns on each side and `dy` rows at top and bottom.
    public func inset(dx: Int, dy: Int) -> Rect {
        Rect(x: x + dx, y: y + dy, width: max(0, width - 2 * dx), height: max(0, height - 2 * dy))
    }

    /// The rectangle shrunk by one cell on every side: the inside of a border.
    public var interior: Rect { inset(dx: 1, dy: 1) }

    /// Splits off `count` rows at the top (clamped), returning the top part and the rest.
    public func splitTop(_ count: Int) -> (top: Rect, rest: Rect) {
        let h = min(max(0, count), max(0, height))
        return (Rect(x: x, y: y, width: width, height: h),
                Rect(x: x, y: y + h, width: width, height: max(0, height - h)))
    }

    /// Splits off `count` rows at the bottom (clamped), returning the rest and the bottom part.
    public func splitBottom(_ count: Int) -> (rest: Rect, bottom: Rect) {
        let h = min(max(0, count), max(0, height))
        return (Rect(x: x, y: y, width: width, height: max(0, height - h)),
                Rect(x: x, y: maxY - h, width: width, height: h))
    }

    /// Splits off `count` columns at the left (clamped), returning the left part and the rest.
    public func splitLeft(_ count: Int) -> (left: Rect, rest: Rect) {
        let w = min(max(0, count), max(0, width))
        return (Rect(x: x, y: y, width: w, height: height),
                Rect(x: x + w, y: y, width: max(0, width - w), height: height))
    }

    /// Splits off `count` columns at the right (clamped), returning the rest and the right part.
    public func splitRight(_ count: Int) -> (rest: Rect, right: Rect) {
        let w = min(max(0, count), max(0, width))
        return (Rect(x: x, y: y, width: max(0, width - w), height: height),
                Rect(x: maxX - w, y: y, width: w, height: height))
    }

    /// Divides the width into columns proportional to `weights` (non-positive weights get nothing).
    public func columns(weights: [Double]) -> [Rect] {
        Rect.partition(length: max(0, width), weights: weights).map { start, length in
            Rect(x: x + start, y: y, width: length, height: height)
        }
    }

    /// Divides the height into rows proportional to `weights` (non-positive weights get nothing).
    public func rows(weights: [Double]) -> [Rect] {
        Rect.partition(length: max(0, height), weights: weights).map { start, length in
            Rect(x: x, y: y + start, width: width, height: length)
        }
    }

    /// A rectangle of the given size centred inside this one (sizes clamped to fit).
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(max(0, w), max(0, width)), ch = min(max(0, h), max(0, height))
        return Rect(x: x + (max(0, width) - cw) / 2, y: y + (max(0, height) - ch) / 2, width: cw, height: ch)
    }

    /// A textual form for debugging and test failure messages.
    public var description: String { "Rect(x: \(x), y: \(y), width: \(width), height: \(height))" }

    private static func partition(length: Int, weights: [Double]) -> [(Int, Int)] {
        let clean = weights.map { $0.isFinite && $0 > 0 ? $0 : 0 }
        let total = clean.reduce(0, +)
        guard total > 0 else { return weights.map { _ in (0, 0) } }
        var result: [(Int, Int)] = []
        var cumulative = 0.0
        var start = 0
        for weight in clean {
            cumulative += weight
            let end = Int((cumulative / total * Double(length)).rounded())
            result.append((start, max(0, end - start)))
            start = max(start, end)
        }
        return result
    }
}
