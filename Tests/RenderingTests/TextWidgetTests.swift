import XCTest
import Rendering

final class TextWidgetTests: XCTestCase {
    func testHorizontalBarsWithEighths() {
        let chart = BarChart(bars: [.init(label: "a", value: 1), .init(label: "bb", value: 2)])
        XCTAssertEqual(rendered(chart, width: 12, height: 2), "a  ███▌ 1\nbb ███████ 2")
    }

    func testVerticalBars() {
        let chart = BarChart(bars: [
            .init(label: "a", value: 1), .init(label: "b", value: 3), .init(label: "c", value: 2),
        ], orientation: .vertical)
        XCTAssertEqual(rendered(chart, width: 9, height: 4), "   ██\n   ██ ██\n██ ██ ██\na  b  c")
    }

    func testLogBarsAndNonFiniteValues() {
        let chart = BarChart(bars: [
            .init(label: "x", value: 1), .init(label: "y", value: 100), .init(label: "z", value: .nan),
        ], logScale: true)
        XCTAssertEqual(rendered(chart, width: 10, height: 3), "x █▍ 1\ny ████ 100\nz  —")
    }

    func testTableWithSwatchesAndSelection() {
        let table = Table(
            columns: [.init("name"), .init("loss", alignRight: true)],
            rows: [
                .init(swatch: "●", swatchColor: .red, cells: ["Adam", "0.25"]),
                .init(swatch: "▲", swatchColor: .blue, cells: ["SGD", "12"]),
            ],
            selectedRow: 1)
        let canvas = canvas(table, width: 20, height: 4)
        XCTAssertEqual(canvas.plainText(), "  name loss\n● Adam 0.25\n▲ SGD    12\n")
        XCTAssertEqual(canvas[0, 1].foreground, .red)
        XCTAssertTrue(canvas[5, 2].attributes.contains(.reverse))
        XCTAssertFalse(canvas[5, 1].attributes.contains(.reverse))
    }

    func testTextBlockWrapsAtWords() {
        XCTAssertEqual(TextBlock.wrap("the quick brown fox", width: 9), ["the quick", "brown fox"])
        XCTAssertEqual(TextBlock.wrap("abcdefghij", width: 4), ["abcd", "efgh", "ij"])
        XCTAssertEqual(TextBlock.wrap("a\n\nb", width: 4), ["a", "", "b"])
        XCTAssertEqual(TextBlock.wrap("anything", width: 0), [])
        XCTAssertEqual(rendered(TextBlock("one two three"), width: 7, height: 1), "one two")
    }

    func testOverlayIsCentredWithTitle() {
        let overlay = Overlay(title: "Help", text: "q quit\nspace pause and resume the animation")
        XCTAssertEqual(rendered(overlay, width: 30, height: 8), """

        ╭ Help ──────────────────────╮
        │ q quit                     │
        │ space pause and resume the │
        │ animation                  │
        ╰────────────────────────────╯


        """)
    }

    func testOverlayClearsWhatIsUnderIt() {
        var canvas = Canvas(width: 12, height: 3, fill: Cell("x"))
        canvas.render(Overlay(title: "", text: "hi", border: .light), in: canvas.bounds)
        XCTAssertEqual(canvas.plainText(), "xxx┌────┐xxx\nxxx│ hi │xxx\nxxx└────┘xxx")
    }

    func testStatusBarKeepsTheRightPart() {
        XCTAssertEqual(rendered(StatusBar(left: "step 12", right: "Adam"), width: 16, height: 1), "step 12     Adam")
        XCTAssertEqual(rendered(StatusBar(left: "a very long status", right: "Adam"), width: 12, height: 1), "a very… Adam")
        let canvas = canvas(StatusBar(left: "x"), width: 3, height: 1)
        XCTAssertTrue(canvas[2, 0].attributes.contains(.reverse))
    }
}
