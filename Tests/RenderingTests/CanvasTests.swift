import XCTest
import Rendering

final class CanvasTests: XCTestCase {
    func testWriteIsClippedAtEveryEdge() {
        var canvas = Canvas(width: 5, height: 3)
        canvas.write("abcdefgh", x: 2, y: 0)
        canvas.write("xyz", x: -2, y: 1)
        canvas.write("hidden", x: 0, y: 3)
        canvas.write("hidden", x: 0, y: -1)
        canvas.write("end", x: 4, y: 2)
        XCTAssertEqual(canvas.plainText(), "  abc\nz\n    e")
    }

    func testPlainTextTrimsTrailingSpacesAndKeepsEveryRow() {
        var canvas = Canvas(width: 4, height: 3)
        canvas.write("a", x: 1, y: 1)
        XCTAssertEqual(canvas.plainText(), "\n a\n")
    }

    func testEmptyAndNegativeSizedCanvasesAreHarmless() {
        var empty = Canvas(width: 0, height: 0)
        empty.write("x", x: 0, y: 0)
        empty.fill(with: Cell("#"))
        empty.box(Rect(x: 0, y: 0, width: 3, height: 3), title: "t")
        XCTAssertEqual(empty.plainText(), "")
        XCTAssertEqual(empty.ansiText(mode: .direct), "")

        let negative = Canvas(width: -3, height: -7)
        XCTAssertEqual(negative.width, 0)
        XCTAssertEqual(negative.height, 0)
        XCTAssertEqual(negative.plainText(), "")
    }

    func testSubscriptOutsideReadsBlankAndDropsWrites() {
        var canvas = Canvas(width: 2, height: 2)
        canvas[5, 5] = Cell("x")
        canvas[-1, 0] = Cell("x")
        canvas[Int.max, Int.min] = Cell("x")
        XCTAssertEqual(canvas[9, 9], .blank)
        XCTAssertEqual(canvas.plainText(), "\n")
    }

    func testBoxWithTitle() {
        var canvas = Canvas(width: 12, height: 4)
        let inside = canvas.box(canvas.bounds, title: "Loss", border: .light)
        XCTAssertEqual(inside, Rect(x: 1, y: 1, width: 10, height: 2))
        XCTAssertEqual(canvas.plainText(), """
        ┌ Loss ────┐
        │          │
        │          │
        └──────────┘
        """)
    }

    func testBoxTitleIsTruncatedWithEllipsis() {
        var canvas = Canvas(width: 10, height: 2)
        canvas.box(canvas.bounds, title: "Rosenbrock valley", border: .rounded)
        XCTAssertEqual(canvas.plainText(), "╭ Rosen… ╮\n╰────────╯")
    }

    func testRegionTranslatesAndClips() {
        var canvas = Canvas(width: 8, height: 4)
        canvas.region(Rect(x: 2, y: 1, width: 3, height: 2)) { area in
            XCTAssertEqual(area.bounds, Rect(x: 0, y: 0, width: 3, height: 2))
            area.fill(with: Cell("#"))
            area.write("abcdef", x: -1, y: 1)
            area.write("outside", x: 0, y: 2)
        }
        XCTAssertEqual(canvas.plainText(), "\n  ###\n  bcd\n")
    }

    func testNestedRegionsClipToTheIntersection() {
        var canvas = Canvas(width: 6, height: 3)
        canvas.region(Rect(x: 1, y: 0, width: 3, height: 3)) { outer in
            outer.region(Rect(x: 2, y: 1, width: 10, height: 10)) { inner in
                XCTAssertEqual(inner.width, 10)
                inner.fill(with: Cell("x"))
            }
        }
        XCTAssertEqual(canvas.plainText(), "\n   x\n   x")
    }

    func testRegionPartlyOutsideTheBuffer() {
        var canvas = Canvas(width: 4, height: 2)
        canvas.region(Rect(x: -2, y: -1, width: 4, height: 2)) { area in
            area.write("abcd", x: 0, y: 1)
        }
        XCTAssertEqual(canvas.plainText(), "cd\n")
    }

    func testZeroWidthScalarsAreDroppedAndTabsBecomeSpaces() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.write("e\u{301}\ta\u{200D}b", x: 0, y: 0)
        XCTAssertEqual(canvas.plainText(), "e ab")
        XCTAssertEqual(TextMetrics.width("e\u{301}x"), 2)
    }

    func testWriteWithMaxWidthAddsEllipsis() {
        var canvas = Canvas(width: 10, height: 1)
        let end = canvas.write("gradient", x: 0, y: 0, maxWidth: 5)
        XCTAssertEqual(end, 5)
        XCTAssertEqual(canvas.plainText(), "grad…")
    }

    func testCellGlyphKeepsFirstScalar() {
        var cell = Cell("▀", foreground: .red)
        XCTAssertEqual(cell.glyph, "▀")
        cell.glyph = "e\u{301}"
        XCTAssertEqual(cell.scalar, "e")
        XCTAssertLessThanOrEqual(MemoryLayout<Cell>.stride, 16)
    }

    func testRectSplitting() {
        let rect = Rect(x: 0, y: 0, width: 10, height: 5)
        XCTAssertEqual(rect.splitBottom(1).bottom, Rect(x: 0, y: 4, width: 10, height: 1))
        XCTAssertEqual(rect.splitLeft(20).rest, Rect(x: 10, y: 0, width: 0, height: 5))
        XCTAssertEqual(rect.columns(weights: [1, 1]).map(\.width), [5, 5])
        XCTAssertEqual(rect.columns(weights: [.nan, 1]).map(\.width), [0, 10])
        XCTAssertEqual(rect.centered(width: 4, height: 1), Rect(x: 3, y: 2, width: 4, height: 1))
        XCTAssertTrue(Rect(x: 0, y: 0, width: -1, height: 4).isEmpty)
    }
}
