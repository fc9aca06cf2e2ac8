import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import Rendering

/// SVG frames: well-formed XML, the grid's size, the frame's text, and glyphs drawn as shapes.
final class SVGTests: XCTestCase {
    func testTheDocumentIsWellFormedWithTheGridsSizeAndTheFramesTextRowByRow() throws {
        var canvas = Canvas(width: 30, height: 6)
        canvas.write("╭ a <b> & \"c\" ─╮", x: 0, y: 0, style: Style(foreground: .rgb(120, 120, 130)))
        canvas.write("x ▀▄█ ⣿⠁ ░▒▓", x: 2, y: 2, style: Style(foreground: .rgb(255, 0, 0), background: .rgb(0, 0, 255)))
        canvas.write("bold", x: 0, y: 4, style: .bold)
        canvas.write("   spaced   out", x: 5, y: 5, style: Style(attributes: [.reverse, .underline]))
        let document = try ParsedSVG(canvas.svg(mode: .direct, title: "a & b"))
        XCTAssertEqual(document.width, 30 * SVGTheme.dark.cellWidth)
        XCTAssertEqual(document.height, 6 * SVGTheme.dark.cellHeight)
        XCTAssertEqual(document.attributes["viewBox"], "0 0 300 120")
        XCTAssertThrowsError(try ParsedSVG("<svg><text>a & b</text></svg>"), "the parser rejects malformed XML")
        XCTAssertEqual(document.title, "a & b")
        XCTAssertEqual(document.textRows(rows: 6, cellHeight: SVGTheme.dark.cellHeight),
                       canvas.plainText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    func testAHalfBlockCellIsTwoRectanglesInItsTwoColours() throws {
        var canvas = Canvas(width: 3, height: 2)
        canvas[1, 1] = Cell("▀", foreground: .rgb(255, 0, 0), background: .rgb(0, 0, 255))
        let document = try ParsedSVG(canvas.svg(mode: .direct))
        XCTAssertEqual(document.paths.filter { $0.attributes["fill"] == "#ff0000" }.map(\.data), ["M10 20h10v10h-10z"])
        XCTAssertEqual(document.paths.filter { $0.attributes["fill"] == "#0000ff" }.map(\.data), ["M10 30h10v10h-10z"])
    }

    func testBrailleDotsAreDotsAndBoxLinesAreLines() throws {
        var canvas = Canvas(width: 4, height: 1)
        canvas[0, 0] = Cell("⣇", foreground: .rgb(0, 255, 0))  // dots 1 2 3 7 8: five dots
        canvas[1, 0] = Cell("─", foreground: .rgb(255, 255, 0))
        canvas[2, 0] = Cell("┃", foreground: .rgb(255, 255, 0))
        let document = try ParsedSVG(canvas.svg(mode: .direct))
        let dots = document.paths.filter { $0.attributes["stroke"] == "#00ff00" }
        XCTAssertEqual(dots.count, 1)
        XCTAssertEqual(dots.first?.attributes["stroke-linecap"] ?? document.dotCap, "round")
        XCTAssertEqual(dots.first?.data.components(separatedBy: "h0").count, 6)
        let lines = document.paths.filter { $0.attributes["stroke"] == "#ffff00" }
        XCTAssertEqual(lines.count, 2, "a light and a heavy width")
        XCTAssertTrue(lines.contains { $0.data == "M15 10L20 10M15 10L10 10" }, "\(lines.map(\.data))")
        XCTAssertTrue(lines.contains { $0.data == "M25 10L25 0M25 10L25 20" }, "\(lines.map(\.data))")
        XCTAssertEqual(document.textRows(rows: 1, cellHeight: 20), ["⣇─┃"], "shapes stay in the text, transparent")
    }

    func testColoursAreTheScreensOfTheMode() throws {
        var canvas = Canvas(width: 2, height: 1)
        canvas[0, 0] = Cell("█", foreground: .rgb(250, 100, 3))
        let direct = try ParsedSVG(canvas.svg(mode: .direct))
        XCTAssertTrue(direct.paths.contains { $0.attributes["fill"] == "#fa6403" })
        let palette = try ParsedSVG(canvas.svg(mode: .palette256))
        let (r, g, b) = TerminalColor.indexed(ColorMode.nearest256(red: 250, green: 100, blue: 3)).rgbComponents!
        let expected = String(format: "#%02x%02x%02x", r, g, b)
        XCTAssertTrue(palette.paths.contains { $0.attributes["fill"] == expected }, "\(palette.paths)")
    }

    func testWithoutColourTheImageIsMonochrome() throws {
        var canvas = Canvas(width: 20, height: 3)
        canvas.write("red on blue", x: 0, y: 0, style: Style(foreground: .rgb(255, 0, 0), background: .rgb(0, 0, 255)))
        canvas.write("▀▄ ⣿ ─", x: 0, y: 1, style: Style(foreground: .rgb(0, 255, 0), attributes: .dim))
        canvas.write("status", x: 0, y: 2, style: .reverse)
        let svg = canvas.svg(mode: .none)
        let colours = Set(svg.matches(of: #/#[0-9a-f]{6}/#).map { String($0.output) })
        XCTAssertFalse(colours.isEmpty)
        for colour in colours {
            let digits = Array(colour.dropFirst())
            XCTAssertTrue(digits[0...1] == digits[2...3] && digits[2...3] == digits[4...5], "\(colour) is not a grey")
        }
    }

    func testCharactersXMLCannotHoldAreReplaced() throws {
        var canvas = Canvas(width: 3, height: 1)
        canvas[0, 0] = Cell(scalar: "\u{1}")
        canvas[1, 0] = Cell(scalar: "\u{FFFE}")
        canvas[2, 0] = Cell(scalar: "z")
        let document = try ParsedSVG(canvas.svg(mode: .none))
        XCTAssertEqual(document.textRows(rows: 1, cellHeight: 20), ["\u{FFFD}\u{FFFD}z"])
    }

    func testEveryBoxDrawingAndBlockGlyphIsAShape() {
        for value in 0x2500...0x257F {
            XCTAssertNotNil(BoxDrawingGlyph.shape(of: Unicode.Scalar(UInt32(value))!), String(value, radix: 16))
        }
        for value in 0x2580...0x259F {
            XCTAssertNotNil(BlockElementGlyph.shape(of: Unicode.Scalar(UInt32(value))!), String(value, radix: 16))
        }
        // The light corners and junctions BoxLines draws get the sides of their masks.
        for (mask, glyph) in BoxLines.light.enumerated() where glyph != " " {
            let shape = BoxDrawingGlyph.shape(of: glyph.unicodeScalars.first!)
            let light = { (bit: Int) in mask & bit != 0 ? BoxDrawingGlyph.Weight.light : .none }
            XCTAssertEqual(shape, .sides(up: light(1), right: light(2), down: light(4), left: light(8)), "\(glyph)")
        }
        XCTAssertEqual(BoxDrawingGlyph.shape(of: "╬"), .sides(up: .double, right: .double, down: .double, left: .double))
        XCTAssertEqual(BoxDrawingGlyph.shape(of: "┾"), .sides(up: .light, right: .heavy, down: .light, left: .light))
    }
}

/// An SVG document read back with Foundation's XML parser (which rejects malformed XML).
struct ParsedSVG {
    struct Path {
        var attributes: [String: String]
        var data: String
    }

    private(set) var attributes: [String: String] = [:]
    private(set) var title: String?
    private(set) var paths: [Path] = []
    /// The text of each `<text>` element (its tspans included) by its baseline y.
    private(set) var texts: [(y: Double, text: String)] = []
    /// The stroke-linecap of the group of dots.
    private(set) var dotCap: String?

    var width: Int { Int(attributes["width"] ?? "") ?? -1 }
    var height: Int { Int(attributes["height"] ?? "") ?? -1 }

    init(_ svg: String) throws {
        let delegate = Delegate()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = delegate
        guard parser.parse() else {
            throw NSError(domain: "svg", code: 1, userInfo: [NSLocalizedDescriptionKey: "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")"])
        }
        attributes = delegate.root
        title = delegate.title
        paths = delegate.paths
        texts = delegate.texts
        dotCap = delegate.roundCapGroup ? "round" : nil
    }

    /// The text by row (rows without a text element are empty), for rows of `cellHeight` units.
    func textRows(rows: Int, cellHeight: Int) -> [String] {
        var result = Array(repeating: "", count: rows)
        for (y, text) in texts {
            let row = Int(y) / cellHeight
            result[row] = text
        }
        return result
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        var root: [String: String] = [:]
        var title: String?
        var paths: [Path] = []
        var texts: [(y: Double, text: String)] = []
        var roundCapGroup = false
        private var stack: [String] = []
        private var groupCaps: [String?] = []
        private var text: String?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            stack.append(name)
            switch name {
            case "svg": root = attributes
            case "g": groupCaps.append(attributes["stroke-linecap"])
            case "path":
                var attributes = attributes
                if attributes["stroke-linecap"] == nil, let cap = groupCaps.last ?? nil { attributes["stroke-linecap"] = cap }
                paths.append(Path(attributes: attributes, data: attributes["d"] ?? ""))
            case "text":
                text = ""
                texts.append((Double(attributes["y"] ?? "") ?? -1, ""))
            case "title": title = ""
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if text != nil { texts[texts.count - 1].text += string }
            if stack.last == "title" { title = (title ?? "") + string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
            if name == "text" { text = nil }
            if name == "g" { if groupCaps.removeLast() == "round" { roundCapGroup = true } }
        }
    }
}
