/// Turns rows of cells into the layers of an SVG frame: background rectangles, foreground
/// rectangles, lines, dots and text (see `Canvas.svg(mode:theme:title:)`).
struct SVGFrameWriter {
    /// A colour as the image shows it.
    struct RGB: Hashable {
        var red: UInt8, green: UInt8, blue: UInt8

        init?(_ color: TerminalColor) {
            guard let (r, g, b) = color.rgbComponents else { return nil }
            (red, green, blue) = (r, g, b)
        }

        /// `amount` of `other` mixed into this colour.
        func mixed(with other: RGB, amount: Double) -> RGB {
            func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + (Double(b) - Double(a)) * amount).rounded()) }
            var copy = self
            (copy.red, copy.green, copy.blue) = (mix(red, other.red), mix(green, other.green), mix(blue, other.blue))
            return copy
        }

        var hex: String {
            let digits = Array("0123456789abcdef")
            var text = "#"
            for component in [red, green, blue] {
                text.append(digits[Int(component >> 4)])
                text.append(digits[Int(component & 15)])
            }
            return text
        }
    }

    let theme: SVGTheme
    let mode: ColorMode
    let columns: Int
    private let cellWidth: Double
    private let cellHeight: Double
    private let defaultForeground: RGB
    private let defaultBackground: RGB
    /// "0 10 20 …": the x position of every column, and where each prefix of it ends (UTF-8).
    private let positions: String
    private let positionEnds: [Int]

    private var backgrounds = SVGPathGroups()
    private var foregrounds = SVGPathGroups()
    private var lines = SVGPathGroups()
    private var dots = SVGPathGroups()
    private var text = ""

    init(theme: SVGTheme, mode: ColorMode, columns: Int) {
        self.theme = theme
        self.mode = mode
        self.columns = columns
        cellWidth = Double(theme.cellWidth)
        cellHeight = Double(theme.cellHeight)
        defaultForeground = RGB(theme.foreground) ?? RGB(.rgb(229, 229, 229))!
        defaultBackground = RGB(theme.background) ?? RGB(.rgb(0, 0, 0))!
        var positions = "", ends: [Int] = [0]
        for column in 0..<max(0, columns) {
            if column > 0 { positions += " " }
            positions += SVGNumber.text(Double(column) * Double(theme.cellWidth))
            ends.append(positions.utf8.count)
        }
        self.positions = positions
        positionEnds = ends
    }

    /// The colours a cell shows: resolved for the mode, reverse video applied, dim mixed in.
    private func paint(_ cell: Cell) -> (foreground: RGB, background: RGB) {
        var foreground = RGB(mode.resolve(cell.foreground)) ?? defaultForeground
        var background = RGB(mode.resolve(cell.background)) ?? defaultBackground
        if cell.attributes.contains(.reverse) { swap(&foreground, &background) }
        if cell.attributes.contains(.dim) { foreground = background.mixed(with: foreground, amount: 0.6) }
        return (foreground, background)
    }

    /// How a cell appears in the row's text element.
    private enum TextPart: Equatable {
        /// Drawn as shapes: in the text, but transparent.
        case shape
        /// A space: takes whatever paint its neighbours have.
        case space
        /// A visible glyph with these paint attributes (empty: the default foreground, plain).
        case glyph(String)
    }

    mutating func addRow(_ y: Int, _ cells: ArraySlice<Cell>) {
        let top = Double(y) * cellHeight
        var run: (start: Int, upper: RGB, lower: RGB)?
        var parts: [TextPart] = []
        parts.reserveCapacity(columns)
        for (x, cell) in cells.enumerated() {
            let (foreground, background) = paint(cell)
            let left = Double(x) * cellWidth
            var upper = background, lower = background
            let part: TextPart
            if let block = BlockElementGlyph.shape(of: cell.scalar) {
                switch block {
                case let .halves(topIsForeground, bottomIsForeground):
                    upper = topIsForeground ? foreground : background
                    lower = bottomIsForeground ? foreground : background
                case let .shade(amount):
                    upper = background.mixed(with: foreground, amount: amount)
                    lower = upper
                case let .rectangles(rectangles):
                    for (x0, y0, x1, y1) in rectangles {
                        foregrounds.append(rectangle(left + x0 * cellWidth, top + y0 * cellHeight,
                                                     (x1 - x0) * cellWidth, (y1 - y0) * cellHeight),
                                           paint: "fill=\"\(foreground.hex)\"")
                    }
                }
                part = .shape
            } else if (0x2800...0x28FF).contains(cell.scalar.value) {
                addDots(UInt8(cell.scalar.value - 0x2800), left: left, top: top, color: foreground)
                part = .shape
            } else if let box = BoxDrawingGlyph.shape(of: cell.scalar) {
                addLines(box, left: left, top: top, color: foreground)
                part = .shape
            } else if cell.scalar == " " && !cell.attributes.contains(.underline) {
                part = .space
            } else {
                var attributes = foreground == defaultForeground ? "" : " fill=\"\(foreground.hex)\""
                if cell.attributes.contains(.bold) { attributes += " font-weight=\"bold\"" }
                if cell.attributes.contains(.underline) { attributes += " text-decoration=\"underline\"" }
                part = .glyph(attributes)
            }
            parts.append(part)
            if let current = run, current.upper == upper, current.lower == lower { continue }
            if let current = run { addBackground(current, end: x, top: top) }
            run = (x, upper, lower)
        }
        if let current = run { addBackground(current, end: cells.count, top: top) }
        addText(cells, parts: parts, row: y)
    }

    /// One run of cells with the same two half-cell colours: one rectangle, or one per half.
    private mutating func addBackground(_ run: (start: Int, upper: RGB, lower: RGB), end: Int, top: Double) {
        let left = Double(run.start) * cellWidth, width = Double(end - run.start) * cellWidth
        if run.upper == run.lower {
            guard run.upper != defaultBackground else { return }
            backgrounds.append(rectangle(left, top, width, cellHeight), paint: "fill=\"\(run.upper.hex)\"")
            return
        }
        for (color, y) in [(run.upper, top), (run.lower, top + cellHeight / 2)] where color != defaultBackground {
            backgrounds.append(rectangle(left, y, width, cellHeight / 2), paint: "fill=\"\(color.hex)\"")
        }
    }

    private func rectangle(_ x: Double, _ y: Double, _ width: Double, _ height: Double) -> String {
        "M\(SVGNumber.text(x)) \(SVGNumber.text(y))h\(SVGNumber.text(width))v\(SVGNumber.text(height))h\(SVGNumber.text(-width))z"
    }

    /// Braille dots as zero-length strokes with round caps: one dot each.
    private mutating func addDots(_ bits: UInt8, left: Double, top: Double, color: RGB) {
        guard bits != 0 else { return }
        var commands = ""
        for row in 0..<4 {
            for column in 0..<2 where bits & BrailleLayer.dotBits[row][column] != 0 {
                let x = left + cellWidth * Double(2 * column + 1) / 4
                let y = top + cellHeight * Double(2 * row + 1) / 8
                commands += "M\(SVGNumber.text(x)) \(SVGNumber.text(y))h0"
            }
        }
        dots.append(commands, paint: "stroke=\"\(color.hex)\" stroke-width=\"\(SVGNumber.text(cellWidth * 0.32))\"")
    }

    private var lightWidth: Double { max(1, cellWidth * 0.12) }
    private var heavyWidth: Double { cellWidth * 0.28 }
    /// Distance of each line of a double line from the cell's centre line.
    private var doubleOffset: Double { cellWidth * 0.2 }

    private mutating func addLines(_ shape: BoxDrawingGlyph.Shape, left: Double, top: Double, color: RGB) {
        let cx = left + cellWidth / 2, cy = top + cellHeight / 2
        func n(_ value: Double) -> String { SVGNumber.text(value) }
        switch shape {
        case let .sides(up, right, down, left):
            addSides([up, right, down, left], cx: cx, cy: cy, color: color)
        case let .arc(horizontal, vertical):
            let h = Double(horizontal), v = Double(vertical), radius = cellWidth * 0.4
            let commands = "M\(n(cx)) \(n(cy + v * cellHeight / 2))V\(n(cy + v * radius))Q\(n(cx)) \(n(cy)) \(n(cx + h * radius)) \(n(cy))H\(n(cx + h * cellWidth / 2))"
            addStroke(commands, color: color, width: lightWidth)
        case let .dashes(count, vertical, heavy):
            let length = vertical ? cellHeight : cellWidth
            var commands = ""
            for dash in 0..<count {
                let from = (Double(dash) + 0.2) / Double(count) * length, to = (Double(dash) + 0.8) / Double(count) * length
                commands += vertical ? "M\(n(cx)) \(n(top + from))V\(n(top + to))" : "M\(n(left + from)) \(n(cy))H\(n(left + to))"
            }
            addStroke(commands, color: color, width: heavy ? heavyWidth : lightWidth)
        case let .diagonals(rising, falling):
            var commands = ""
            if rising { commands += "M\(n(left)) \(n(top + cellHeight))L\(n(left + cellWidth)) \(n(top))" }
            if falling { commands += "M\(n(left)) \(n(top))L\(n(left + cellWidth)) \(n(top + cellHeight))" }
            addStroke(commands, color: color, width: lightWidth)
        }
    }

    /// Lines from the centre to each side with a weight (up, right, down, left), each reaching
    /// far enough into the centre to close the junction with the lines across it.
    private mutating func addSides(_ weights: [BoxDrawingGlyph.Weight], cx: Double, cy: Double, color: RGB) {
        // Unit directions of up, right, down, left, and half the cell along each.
        let directions: [(dx: Double, dy: Double)] = [(0, -1), (1, 0), (0, 1), (-1, 0)]
        let halves = [cellHeight / 2, cellWidth / 2, cellHeight / 2, cellWidth / 2]
        func reach(_ weight: BoxDrawingGlyph.Weight) -> Double {
            switch weight {
            case .none: return 0
            case .light: return lightWidth / 2
            case .heavy: return heavyWidth / 2
            case .double: return doubleOffset + lightWidth / 2
            }
        }
        for side in 0..<4 where weights[side] != .none {
            let (dx, dy) = directions[side]
            // The sides across this one: for up/down these are right/left, and the reverse.
            let across = [(side + 1) % 4, (side + 3) % 4]
            let segment = { (start: Double, offset: Double) -> String in
                // `offset` moves the line sideways (towards `across[0]` when positive).
                let (ox, oy) = directions[across[0]]
                let x0 = cx + dx * start + ox * offset, y0 = cy + dy * start + oy * offset
                let x1 = cx + dx * halves[side] + ox * offset, y1 = cy + dy * halves[side] + oy * offset
                return "M\(SVGNumber.text(x0)) \(SVGNumber.text(y0))L\(SVGNumber.text(x1)) \(SVGNumber.text(y1))"
            }
            switch weights[side] {
            case .none:
                continue
            case .light, .heavy:
                let start = -max(reach(weights[across[0]]), reach(weights[across[1]]))
                addStroke(segment(start, 0), color: color, width: weights[side] == .heavy ? heavyWidth : lightWidth)
            case .double:
                var commands = ""
                for (offset, towards, away) in [(doubleOffset, across[0], across[1]), (-doubleOffset, across[1], across[0])] {
                    // Meet the inner line of a double line on the same side, else the line across,
                    // else the outer line of a double line on the other side.
                    let start: Double
                    switch (weights[towards], weights[away]) {
                    case (.double, _): start = doubleOffset
                    case (.light, _), (.heavy, _): start = -reach(weights[towards])
                    case (.none, .double): start = -doubleOffset
                    case (.none, let other): start = -reach(other)
                    }
                    commands += segment(start, offset)
                }
                addStroke(commands, color: color, width: lightWidth)
            }
        }
    }

    private mutating func addStroke(_ commands: String, color: RGB, width: Double) {
        lines.append(commands, paint: "stroke=\"\(color.hex)\" stroke-width=\"\(SVGNumber.text(width))\"")
    }

    /// The row as one text element: every glyph placed on its column, runs of one paint in a tspan.
    private mutating func addText(_ cells: ArraySlice<Cell>, parts: [TextPart], row: Int) {
        var end = parts.count
        while end > 0 && cells[cells.startIndex + end - 1].scalar == " " { end -= 1 }
        guard end > 0 else { return }
        let baseline = Double(row) * cellHeight + cellHeight * 0.725
        let xs = positions.utf8.prefix(positionEnds[end])
        // Spaces count: each character takes the next column's position, so none may collapse.
        text += "<text xml:space=\"preserve\" x=\"\(Substring(xs))\" y=\"\(SVGNumber.text(baseline))\">"
        var open: TextPart?
        for index in 0..<end {
            let part = parts[index]
            if part != .space && part != open {
                if let open, open != .glyph("") { text += "</tspan>" }
                switch part {
                case .shape: text += "<tspan fill-opacity=\"0\">"
                case .glyph(let attributes) where !attributes.isEmpty: text += "<tspan\(attributes)>"
                default: break
                }
                open = part
            }
            Self.appendEscaped(cells[cells.startIndex + index].scalar, to: &text)
        }
        if let open, open != .glyph("") { text += "</tspan>" }
        text += "</text>\n"
    }

    /// Appends a scalar as XML character data; characters XML cannot hold become U+FFFD.
    private static func appendEscaped(_ scalar: Unicode.Scalar, to text: inout String) {
        switch scalar {
        case "&": text += "&amp;"
        case "<": text += "&lt;"
        case ">": text += "&gt;"
        default:
            let value = scalar.value
            let allowed = value >= 0x20 && !(0x7F...0x9F).contains(value) && value != 0xFFFE && value != 0xFFFF
            text.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
        }
    }

    /// The complete document for `rows` rows.
    func document(rows: Int, title: String?) -> String {
        let width = columns * theme.cellWidth, height = rows * theme.cellHeight
        let fontSize = SVGNumber.text(min(cellWidth / 0.6, cellHeight * 0.85))
        var svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" data-columns=\"\(columns)\" data-rows=\"\(rows)\">\n"
        if let title {
            var escaped = ""
            for scalar in title.unicodeScalars { Self.appendEscaped(scalar, to: &escaped) }
            svg += "<title>\(escaped)</title>\n"
        }
        svg += "<rect width=\"\(width)\" height=\"\(height)\" fill=\"\(defaultBackground.hex)\"/>\n"
        svg += "<g shape-rendering=\"crispEdges\">\n\(backgrounds.elements)\(foregrounds.elements)</g>\n"
        svg += "<g fill=\"none\" stroke-linecap=\"butt\">\n\(lines.elements)</g>\n"
        svg += "<g fill=\"none\" stroke-linecap=\"round\">\n\(dots.elements)</g>\n"
        var font = ""
        for scalar in theme.fontFamily.unicodeScalars {
            if scalar == "\"" { font += "&quot;" } else { Self.appendEscaped(scalar, to: &font) }
        }
        svg += "<g font-family=\"\(font)\" font-size=\"\(fontSize)\" fill=\"\(defaultForeground.hex)\">\n"
        svg += text
        svg += "</g>\n</svg>\n"
        return svg
    }
}
