import XCTest
import Rendering

final class ColorTests: XCTestCase {
    func testNearest256PicksCubeOrGrey() {
        XCTAssertEqual(ColorMode.nearest256(red: 255, green: 0, blue: 0), 196)
        XCTAssertEqual(ColorMode.nearest256(red: 0, green: 0, blue: 0), 16)
        XCTAssertEqual(ColorMode.nearest256(red: 255, green: 255, blue: 255), 231)
        XCTAssertEqual(ColorMode.nearest256(red: 128, green: 128, blue: 128), 244)
        XCTAssertEqual(ColorMode.nearest256(red: 95, green: 135, blue: 175), 67)
    }

    func testNearestBasic() {
        XCTAssertEqual(ColorMode.nearestBasic(red: 250, green: 10, blue: 10), 1)
        XCTAssertEqual(ColorMode.nearestBasic(red: 253, green: 231, blue: 37), 3)
        XCTAssertEqual(ColorMode.nearestBasic(red: 33, green: 145, blue: 140), 6)
        XCTAssertEqual(ColorMode.nearestBasic(red: 5, green: 5, blue: 5), 0)
        XCTAssertEqual(ColorMode.nearestBasic(red: 240, green: 240, blue: 240), 7)
    }

    func testResolvePerMode() {
        let orange = TerminalColor.rgb(230, 159, 0)
        XCTAssertEqual(ColorMode.direct.resolve(orange), orange)
        XCTAssertEqual(ColorMode.palette256.resolve(orange), .indexed(178))
        XCTAssertEqual(ColorMode.basic8.resolve(orange), .ansi(3))
        XCTAssertEqual(ColorMode.none.resolve(orange), .default)
        XCTAssertEqual(ColorMode.basic8.resolve(.ansi(9)), .ansi(1))
        XCTAssertEqual(ColorMode.direct.resolve(.indexed(196)), .rgb(255, 0, 0))
        XCTAssertEqual(ColorMode.direct.resolve(.ansi(2)), .ansi(2))
        XCTAssertEqual(ColorMode.palette256.resolve(.default), .default)
    }

    func testANSITextForOneColouredCellInEveryMode() {
        var canvas = Canvas(width: 2, height: 1)
        canvas[0, 0] = Cell("X", foreground: .rgb(255, 0, 0), background: .rgb(0, 0, 255))
        XCTAssertEqual(canvas.ansiText(mode: .direct), "\u{1B}[0;38;2;255;0;0;48;2;0;0;255mX\u{1B}[0m")
        XCTAssertEqual(canvas.ansiText(mode: .palette256), "\u{1B}[0;38;5;196;48;5;21mX\u{1B}[0m")
        XCTAssertEqual(canvas.ansiText(mode: .basic8), "\u{1B}[0;31;44mX\u{1B}[0m")
        XCTAssertEqual(canvas.ansiText(mode: .none), "X")
    }

    func testANSITextAttributesBrightColoursAndRowResets() {
        var canvas = Canvas(width: 3, height: 2)
        canvas.write("ab", x: 0, y: 0, style: Style(foreground: .ansi(9), attributes: [.bold, .underline]))
        canvas.write("c", x: 0, y: 1)
        XCTAssertEqual(canvas.ansiText(mode: .palette256), "\u{1B}[0;1;4;91mab\u{1B}[0m\nc")
    }

    func testColormapsAreQuantised() {
        XCTAssertEqual(Colormap.viridis.levels, 32)
        XCTAssertEqual(Colormap.viridis.color(at: 0), .rgb(68, 1, 84))
        XCTAssertEqual(Colormap.viridis.color(at: 1), .rgb(253, 231, 37))
        XCTAssertEqual(Colormap.viridis.color(at: 5), .rgb(253, 231, 37))
        XCTAssertEqual(Colormap.viridis.color(at: .nan), .rgb(68, 1, 84))
        XCTAssertEqual(Set(Colormap.viridis.colors).count, 32)
        XCTAssertEqual(Colormap.blueWhiteRed.color(at: 0.5), .rgb(247, 247, 247))
        XCTAssertEqual(Colormap.blueWhiteRed.levels % 2, 1)
        let in256 = Set(Colormap.viridis.colors.map(ColorMode.palette256.resolve))
        XCTAssertGreaterThan(in256.count, 10)
        XCTAssertLessThanOrEqual(in256.count, 32)
    }

    func testSeriesPaletteIsDistinct() {
        let count = SeriesPalette.count
        XCTAssertGreaterThanOrEqual(count, 8)
        XCTAssertEqual(Set((0..<count).map { SeriesPalette.color($0) }).count, count)
        XCTAssertEqual(Set((0..<count).map { SeriesPalette.marker($0) }).count, count)
        XCTAssertEqual(Set((0..<7).map { SeriesPalette.color($0, mode: .basic8) }).count, 7)
        XCTAssertEqual(SeriesPalette.color(-1), SeriesPalette.color(count - 1))
        XCTAssertEqual(SeriesPalette.color(3, mode: .none), .default)
    }

    func testColorModeFromEnvironment() {
        XCTAssertEqual(ColorMode(environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"]), ColorMode.none)
        XCTAssertEqual(ColorMode(environment: ["NO_COLOR": "", "COLORTERM": "truecolor"]), .direct)
        XCTAssertEqual(ColorMode(environment: ["TERM": "xterm-256color"]), .palette256)
        XCTAssertEqual(ColorMode(environment: ["TERM": "xterm-direct"]), .direct)
        XCTAssertEqual(ColorMode(environment: ["TERM": "dumb"]), ColorMode.none)
        XCTAssertEqual(ColorMode(environment: [:]), .basic8)
    }
}
