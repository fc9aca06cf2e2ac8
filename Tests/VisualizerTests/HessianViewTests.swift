import Foundation
import Objectives
import Rendering
import Scenarios
import XCTest
@testable import Visualizer

/// The Hessian as the main panel of an N-D problem, judged on the rendered cells.
final class HessianViewTests: XCTestCase {
    static let toyPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../scenarios/adam-mini-toy.toml").standardizedFileURL.path

    static func toy(width: Int = 160, height: Int = 48, mode: ColorMode = .direct) throws -> AppState {
        try AppState(scenario: ScenarioLoader.load(path: toyPath), width: width, height: height, colorMode: mode)
    }

    /// Euclidean RGB distance after the colour mode's own quantisation.
    private static func distance(_ a: TerminalColor, _ b: TerminalColor, mode: ColorMode) -> Double {
        guard let x = mode.resolve(a).rgbComponents, let y = mode.resolve(b).rgbComponents else { return 0 }
        let d = [Double(x.red) - Double(y.red), Double(x.green) - Double(y.green), Double(x.blue) - Double(y.blue)]
        return (d.map { $0 * $0 }.reduce(0, +)).squareRoot()
    }

    func testEveryDenseBlockOfTheToyIsDrawnApartFromTheZeroColour() throws {
        for (mode, size) in [(ColorMode.direct, (160, 48)), (.palette256, (160, 48)), (.palette256, (120, 40))] {
            let state = try Self.toy(width: size.0, height: size.1, mode: mode)
            XCTAssertEqual(state.mainView, .hessian, "an N-D quadratic opens on its Hessian")
            guard case .quadratic(let quadratic) = state.scenario.problem.kind else { return XCTFail("toy is a quadratic") }
            let canvas = ScreenRenderer().render(state)
            let rect = HessianPanel.matrixRect(in: state.layout.main)
            let geometry = HessianPanel.heatmap(quadratic, state: state, isMain: true).geometry(width: rect.width, height: rect.height)
            XCTAssertGreaterThanOrEqual(geometry.cellWidth, size.0 == 160 ? 40 : 30, "matrix width at \(size)")
            let zero = DivergingColors.hessian.zero
            var inside = [Int](repeating: 0, count: 3), coloured = [Int](repeating: 0, count: 3)
            var between = 0, betweenZero = 0
            func block(_ entries: Range<Int>) -> Int? {
                let blocks = Set(entries.map { entry in
                    quadratic.blockSizes.indices.first { b in
                        (quadratic.blockOffsets[b]..<(quadratic.blockOffsets[b] + quadratic.blockSizes[b])).contains(entry)
                    }!
                })
                return blocks.count == 1 ? blocks.first : nil
            }
            for y in 0..<geometry.cellHeight {
                for x in 0..<geometry.pixelWidth {
                    let cell = canvas[rect.x + x, rect.y + y]
                    // Outline cells carry a line glyph over one pixel: they are not pixels.
                    guard cell.glyph == "▀" else { continue }
                    for (py, color) in [(2 * y, cell.foreground), (2 * y + 1, cell.background)] where py < geometry.pixelHeight {
                        let rows = geometry.entries(ofPixel: py, origin: 0), columns = geometry.entries(ofPixel: x, origin: 0)
                        guard let a = block(rows), let b = block(columns) else { continue }
                        if a == b {
                            inside[a] += 1
                            if Self.distance(color, zero, mode: mode) > 60 { coloured[a] += 1 }
                        } else {
                            between += 1
                            if mode.resolve(color) == mode.resolve(zero) { betweenZero += 1 }
                        }
                    }
                }
            }
            for b in 0..<3 {
                XCTAssertGreaterThan(inside[b], 100, "block \(b) has pixels (\(mode), \(size))")
                XCTAssertGreaterThan(Double(coloured[b]) / Double(inside[b]), 0.9,
                                     "block \(b): \(coloured[b]) of \(inside[b]) pixels stand apart from zero (\(mode), \(size))")
            }
            XCTAssertGreaterThan(between, 1000)
            XCTAssertEqual(betweenZero, between, "the zero blocks are the zero colour (\(mode), \(size))")
        }
    }

    func testNoColourShowsTheBlocksWithGlyphs() throws {
        let state = try Self.toy(mode: .none)
        let text = ScreenRenderer().render(state).plainText()
        XCTAssertTrue(text.contains("Hessian 90x90 · 3 blocks · symlog scale"))
        XCTAssertTrue(text.contains("─ Hessian blocks"))
        XCTAssertTrue(text.contains("━ gd's single block"))
    }

    func testKeysCycleTheViewAndTheScale() throws {
        let state = try Self.toy(mode: .none)
        XCTAssertEqual(state.mainViews, [.hessian, .errors, .slice, .rates, .curvature, .spectrum])
        var views: [PanelView] = []
        var cycled = state
        for _ in 0..<6 {
            cycled = cycled.after(Fixtures.key("v"))
            views.append(cycled.mainView)
        }
        XCTAssertEqual(views, [.errors, .slice, .rates, .curvature, .spectrum, .hessian])
        XCTAssertEqual(state.after(Fixtures.key("c")).hessianScale, .linear)
        XCTAssertEqual(state.after(Fixtures.key("c"), Fixtures.key("c")).hessianScale, .block)
        XCTAssertEqual(state.after(Fixtures.key("c"), Fixtures.key("c"), Fixtures.key("c")).hessianScale, .symlog)
        let surface = try Fixtures.state(Fixtures.rosenbrock)
        XCTAssertEqual(surface.mainView, .surface)
        XCTAssertEqual(surface.mainViews, [.surface, .rates, .curvature])
    }

    func testZoomReachesOneEntryPerPixelAndPanStaysInside() throws {
        let state = try Self.toy(mode: .direct)
        let fitted = try XCTUnwrap(state.matrixGeometry)
        XCTAssertTrue(fitted.showsWholeMatrix)
        let viewport = state.viewport
        var zoomed = state.after(Fixtures.key("z"))
        XCTAssertEqual(zoomed.viewport, viewport, "z acts on the matrix, not the slice")
        let one = try XCTUnwrap(zoomed.matrixGeometry)
        XCTAssertEqual(one.entryRun, 1)
        XCTAssertEqual(one.pixelRun, 1)
        XCTAssertFalse(one.showsWholeMatrix, "one entry per pixel does not fit at 160x48")
        for _ in 0..<20 { zoomed = zoomed.after(Fixtures.key("l"), Fixtures.key("j")) }
        let corner = try XCTUnwrap(zoomed.matrixGeometry)
        XCTAssertEqual(corner.zoom.row + corner.shownRows, 90)
        XCTAssertEqual(corner.zoom.column + corner.shownColumns, 90)
        for _ in 0..<10 { zoomed = zoomed.after(Fixtures.key("z")) }
        XCTAssertEqual(try XCTUnwrap(zoomed.matrixGeometry).pixelRun, MatrixZoom.deepestMagnification)
        XCTAssertEqual(zoomed.after(Fixtures.key("0")).matrixZoom, .fitted)
        XCTAssertTrue(ScreenRenderer().render(zoomed).plainText().contains("entry = 8x8 pixels"))
    }

    func testAClickOnTheHessianSaysWhereClicksRestartAndTheWheelZooms() throws {
        var state = try Self.toy(mode: .none)
        state.advance(steps: 3)
        let inner = state.layout.main.interior
        let clicked = state.after(.input(.mouse(x: inner.x + 5, y: inner.y + 5, kind: .click(.primary))))
        XCTAssertEqual(clicked.step, 3, "the Hessian is not a plane to restart from")
        XCTAssertEqual(clicked.notice, "cannot restart from a point on the hessian view: v leads to the slice, where a click does")
        let wheeled = state.after(.input(.mouse(x: inner.x + 5, y: inner.y + 5, kind: .scrollUp)))
        XCTAssertEqual(wheeled.matrixZoom.level, 1)
    }

    func testBlockErrorsAreRecordedPerBlockAndSumToTheLoss() throws {
        var state = try Self.toy(mode: .none)
        state.advance(steps: 20)
        let errors = state.timeline.blockErrors
        XCTAssertEqual(errors.count, 4)
        XCTAssertEqual(errors[0].count, 21)
        for racer in 0..<4 {
            let total = errors[racer][20].reduce(0, +)
            XCTAssertEqual(total, state.racer(racer).loss, accuracy: 1e-9 * max(1, abs(total)), "block-diagonal: errors add up to f - f*")
        }
        // GD starves the soft block: after 20 steps its [1,2] block keeps far more error than the
        // [10,20] one, while block-GD has driven every block down together.
        let gd = errors[0][20]
        XCTAssertGreaterThan(gd[0], 10 * gd[1])
        let ideal = errors[3][20], start = errors[3][0]
        for b in 0..<3 { XCTAssertLessThan(ideal[b], 1e-6 * start[b]) }
    }

    func testSharpnessHistoryHoldsTheStepsShownAndForgetsARetune() throws {
        var state = try Self.toy(mode: .none)
        let monitor = CurvatureMonitor(mode: .synchronous)
        for _ in 0..<3 {
            state.advance(steps: 4)
            monitor.observe(state)
        }
        let adam = monitor.sharpness(racer: 1, in: state)
        XCTAssertEqual(adam.map(\.step), [4, 8, 12], "only the steps on screen are analysed")
        XCTAssertEqual(adam[0].threshold, 38, accuracy: 1e-12)
        let result = try XCTUnwrap(monitor.result(for: state))
        XCTAssertEqual(result.step, 12)
        XCTAssertEqual(result.racers.count, 4)
        XCTAssertEqual(try XCTUnwrap(result.racers[0]).threshold, 2, accuracy: 1e-12)
        let retuned = state.after(Fixtures.key("]"))
        XCTAssertTrue(monitor.sharpness(racer: 1, in: retuned).isEmpty, "a retuned run is another run")
    }

    func testBackgroundMonitorDeliversTheSameSpectrum() throws {
        var state = try Self.toy(mode: .none)
        state.advance(steps: 7)
        let synchronous = CurvatureMonitor(mode: .synchronous)
        synchronous.observe(state)
        let background = CurvatureMonitor(mode: .background)
        background.observe(state)
        let deadline = Date().addingTimeInterval(30)
        while background.result(for: state)?.step != 7, Date() < deadline { usleep(2000) }
        let expected = try XCTUnwrap(synchronous.result(for: state)?.racers[2])
        let actual = try XCTUnwrap(background.result(for: state)?.racers[2])
        XCTAssertEqual(actual, expected)
        XCTAssertFalse(background.isBusy)
    }

    /// A "columns" partition's blocks are strided in the buffer; the panel puts H's rows and
    /// columns in block order, where a matrix regression's Hessian is block-diagonal, and says so.
    func testColumnBlocksAreDrawnInBlockOrder() throws {
        let text = """
        [problem]
        type = "matrix-regression"
        shape = [6, 4]
        samples = 32

        [[optimizer]]
        type = "adam-mini"
        partition = "columns"

        [[optimizer]]
        type = "adam-mini"
        partition = "rows"
        label = "by rows"

        """
        var state = try AppState(scenario: ScenarioLoader.parse(text: text, file: "columns.toml"), width: 160, height: 48, colorMode: .direct)
        let quadratic = try XCTUnwrap(state.scenario.problem.quadraticModel)
        let order = try XCTUnwrap(HessianPanel.blockOrder(quadratic, state: state))
        XCTAssertEqual(Array(order.prefix(7)), [0, 4, 8, 12, 16, 20, 1], "column 0 of the 6x4 weight first")
        let heatmap = HessianPanel.heatmap(quadratic, state: state, isMain: true)
        XCTAssertEqual(heatmap.partition?.blockSizes, [6, 6, 6, 6])
        for r in 0..<24 {
            for c in 0..<24 {
                XCTAssertEqual(heatmap.values[r * 24 + c], quadratic.hessianMatrix[order[r], order[c]], accuracy: 1e-15)
                if r / 6 != c / 6 { XCTAssertEqual(heatmap.values[r * 24 + c], 0, accuracy: 1e-15, "off the column blocks") }
            }
        }
        let screen = ScreenRenderer().render(state).plainText()
        XCTAssertTrue(screen.contains("Hessian 24x24, ordered by adam-mini's blocks · 1 block"), screen)
        XCTAssertTrue(screen.contains("(strided in the buffer: H is drawn block by block)"), screen)

        state.selected = 1
        XCTAssertNil(HessianPanel.blockOrder(quadratic, state: state), "row blocks are contiguous: buffer order")
        XCTAssertFalse(ScreenRenderer().render(state).plainText().contains("ordered by"))
    }
}
