import XCTest
@testable import Rendering

/// The frame deltas of recordings: replayed onto a model terminal, they give the frame.
final class ANSIDeltaTests: XCTestCase {
    func testTheFirstFrameClearsTheScreenAndDrawsOnlyWhatDiffersFromBlank() {
        var canvas = Canvas(width: 6, height: 2)
        canvas.write("ab", x: 1, y: 0)
        canvas.write("c", x: 5, y: 1, style: Style(foreground: .ansi(1)))
        let delta = canvas.ansiDelta(from: nil, mode: .palette256)
        XCTAssertEqual(delta, "\u{1B}[0m\u{1B}[H\u{1B}[2J\u{1B}[1;2Hab\u{1B}[2;6H\u{1B}[0;31mc\u{1B}[0m")
    }

    func testAnIdenticalFrameCostsNothingAndOneChangedCellIsOneMoveAndOneGlyph() {
        var canvas = Canvas(width: 10, height: 4)
        canvas.write("step 1", x: 0, y: 3)
        XCTAssertEqual(canvas.ansiDelta(from: canvas, mode: .direct), "")
        var next = canvas
        next.write("2", x: 5, y: 3)
        XCTAssertEqual(next.ansiDelta(from: canvas, mode: .direct), "\u{1B}[4;6H2")
    }

    func testNeighbouringChangesShareOneCursorMoveButNeverWriteOnFromTheLastColumn() {
        let canvas = Canvas(width: 3, height: 2)
        var next = canvas
        next.write("xyz", x: 0, y: 0)
        next.write("w", x: 0, y: 1)
        // After the last column the cursor waits to wrap: the next row gets its own move.
        XCTAssertEqual(next.ansiDelta(from: canvas, mode: .none), "\u{1B}[1;1Hxyz\u{1B}[2;1Hw")
    }

    func testASizeChangeRedrawsInFull() {
        let small = Canvas(width: 4, height: 2)
        var large = Canvas(width: 5, height: 2)
        large.write("q", x: 4, y: 1)
        XCTAssertTrue(large.ansiDelta(from: small, mode: .palette256).hasPrefix("\u{1B}[0m\u{1B}[H\u{1B}[2J"))
    }

    func testWithoutColourTheAttributesStay() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.write("ok", x: 0, y: 0, style: Style(foreground: .rgb(200, 0, 0), background: .rgb(1, 2, 3), attributes: .reverse))
        XCTAssertEqual(canvas.ansiDelta(from: Canvas(width: 4, height: 1), mode: .none), "\u{1B}[1;1H\u{1B}[0;7mok\u{1B}[0m")
    }

    func testControlCharactersNeverReachTheTerminal() {
        var canvas = Canvas(width: 3, height: 1)
        canvas[0, 0] = Cell(scalar: "\u{1B}")
        canvas[1, 0] = Cell(scalar: "\u{9B}")
        XCTAssertEqual(canvas.ansiDelta(from: Canvas(width: 3, height: 1), mode: .none), "\u{1B}[1;1H  ")
    }

    /// Random frames, each replayed as a delta onto the model terminal, for every colour mode.
    func testReplayingDeltasOfRandomFramesGivesEveryFrame() {
        var generator = SplitMix(seed: 7)
        let glyphs: [Unicode.Scalar] = [" ", "a", "Z", "▀", "▄", "⣿", "─", "╭", "●", "·"]
        let colors: [TerminalColor] = [.default, .ansi(2), .ansi(12), .indexed(200), .rgb(10, 200, 30), .rgb(250, 250, 250)]
        for mode in [ColorMode.direct, .palette256, .basic8, .none] {
            var terminal = ModelTerminal(width: 17, height: 6)
            var previous: Canvas?
            var canvas = Canvas(width: 17, height: 6)
            for frame in 0..<40 {
                for _ in 0..<generator.next(below: 30) {
                    let attributes = CellAttributes(rawValue: UInt8(generator.next(below: 16)))
                    canvas[generator.next(below: 17), generator.next(below: 6)] = Cell(
                        scalar: glyphs[generator.next(below: glyphs.count)],
                        foreground: colors[generator.next(below: colors.count)],
                        background: colors[generator.next(below: colors.count)], attributes: attributes)
                }
                terminal.feed(canvas.ansiDelta(from: previous, mode: mode))
                previous = canvas
                XCTAssertEqual(terminal.cells, canvas.cells.map { terminalCell($0, mode) }, "\(mode), frame \(frame)")
            }
        }
    }

    private func terminalCell(_ cell: Cell, _ mode: ColorMode) -> Cell {
        Cell(scalar: cell.scalar, foreground: mode.resolve(cell.foreground), background: mode.resolve(cell.background),
             attributes: cell.attributes)
    }
}

/// A terminal that understands what `ansiDelta` sends: cursor position, erase display, full SGRs.
struct ModelTerminal {
    let width: Int
    let height: Int
    private(set) var cells: [Cell]
    private var x = 0, y = 0
    private var style = Style.plain

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        cells = Array(repeating: .blank, count: width * height)
    }

    mutating func feed(_ text: String) {
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            guard scalar == "\u{1B}" else {
                if x < width, y < height { cells[y * width + x] = Cell(scalar: scalar, foreground: style.foreground, background: style.background, attributes: style.attributes) }
                x += 1
                continue
            }
            XCTAssertEqual(scalars.popFirst(), "[")
            var parameters = ""
            while let next = scalars.popFirst() {
                if next.properties.isAlphabetic {
                    apply(final: next, parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 })
                    break
                }
                parameters.unicodeScalars.append(next)
            }
        }
    }

    private mutating func apply(final: Unicode.Scalar, _ parameters: [Int]) {
        switch final {
        case "H":
            y = max(1, parameters.first ?? 1) - 1
            x = max(1, parameters.count > 1 ? parameters[1] : 1) - 1
        case "J":
            XCTAssertEqual(parameters, [2])
            cells = Array(repeating: Cell(scalar: " ", background: style.background), count: width * height)
        case "m":
            var index = 0
            while index < parameters.count {
                let code = parameters[index]
                switch code {
                case 0: style = .plain
                case 1: style.attributes.insert(.bold)
                case 2: style.attributes.insert(.dim)
                case 4: style.attributes.insert(.underline)
                case 7: style.attributes.insert(.reverse)
                case 30...37: style.foreground = .ansi(UInt8(code - 30))
                case 40...47: style.background = .ansi(UInt8(code - 40))
                case 90...97: style.foreground = .ansi(UInt8(code - 82))
                case 100...107: style.background = .ansi(UInt8(code - 92))
                case 38, 48:
                    let color: TerminalColor
                    if parameters[index + 1] == 5 {
                        color = .indexed(UInt8(parameters[index + 2]))
                        index += 2
                    } else {
                        color = .rgb(UInt8(parameters[index + 2]), UInt8(parameters[index + 3]), UInt8(parameters[index + 4]))
                        index += 4
                    }
                    if code == 38 { style.foreground = color } else { style.background = color }
                default:
                    XCTFail("unexpected SGR \(code)")
                }
                index += 1
            }
        default:
            XCTFail("unexpected sequence ending in \(final)")
        }
    }
}

/// A small seeded generator, so a failing frame can be replayed.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
