/// Box-drawing glyphs chosen from which sides a line leaves a cell by, so junctions come out right.
enum BoxLines {
    static let up: UInt8 = 1
    static let right: UInt8 = 2
    static let down: UInt8 = 4
    static let left: UInt8 = 8

    /// Light glyphs indexed by the side mask (up 1, right 2, down 4, left 8).
    static let light: [Character] = [
        " ", "╵", "╶", "└", "╷", "│", "┌", "├", "╴", "┘", "─", "┴", "┐", "┤", "┬", "┼",
    ]

    /// Heavy glyphs indexed by the side mask.
    static let heavy: [Character] = [
        " ", "╹", "╺", "┗", "╻", "┃", "┏", "┣", "╸", "┛", "━", "┻", "┓", "┫", "┳", "╋",
    ]
}

/// A grid of side masks that horizontal and vertical segments are added to.
struct LineMask {
    let width: Int
    let height: Int
    private(set) var masks: [UInt8]

    init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        masks = Array(repeating: 0, count: self.width * self.height)
    }

    private mutating func add(_ x: Int, _ y: Int, _ bits: UInt8) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        masks[y * width + x] |= bits
    }

    /// A horizontal segment from column x0 to x1 (inclusive) on row y.
    mutating func horizontal(y: Int, from x0: Int, to x1: Int) {
        let a = min(x0, x1), b = max(x0, x1)
        guard a < b, y >= 0, y < height else { return }
        for x in max(a, -1)...min(b, width) {
            var bits: UInt8 = 0
            if x > a { bits |= BoxLines.left }
            if x < b { bits |= BoxLines.right }
            add(x, y, bits)
        }
    }

    /// A vertical segment from row y0 to y1 (inclusive) on column x.
    mutating func vertical(x: Int, from y0: Int, to y1: Int) {
        let a = min(y0, y1), b = max(y0, y1)
        guard a < b, x >= 0, x < width else { return }
        for y in max(a, -1)...min(b, height) {
            var bits: UInt8 = 0
            if y > a { bits |= BoxLines.up }
            if y < b { bits |= BoxLines.down }
            add(x, y, bits)
        }
    }

    /// The outline of the rectangle with corners (x0, y0) and (x1, y1), inclusive.
    mutating func outline(x0: Int, y0: Int, x1: Int, y1: Int) {
        horizontal(y: y0, from: x0, to: x1)
        horizontal(y: y1, from: x0, to: x1)
        vertical(x: x0, from: y0, to: y1)
        vertical(x: x1, from: y0, to: y1)
    }

    /// Draws every non-empty mask with `glyphs`, keeping each cell's background.
    func draw(into canvas: inout Canvas, glyphs: [Character], color: TerminalColor, attributes: CellAttributes = []) {
        for y in 0..<height {
            for x in 0..<width {
                let mask = masks[y * width + x]
                guard mask != 0 else { continue }
                canvas.modify(x: x, y: y) { cell in
                    cell.glyph = glyphs[Int(mask & 15)]
                    cell.foreground = color
                    cell.attributes = attributes
                }
            }
        }
    }
}
