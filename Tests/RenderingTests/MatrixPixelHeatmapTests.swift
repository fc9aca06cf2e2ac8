import XCTest
@testable import Rendering

final class MatrixPixelHeatmapTests: XCTestCase {
    func testFitPrefersResolutionsThatPutBoundariesOnPixelEdges() {
        // 90 entries, 72 pixels of room: 4 pixels per 5 entries puts 30 and 60 on pixel edges.
        let geometry = MatrixGeometry(size: 90, boundaries: [30, 60], width: 72, height: 36, halfBlocks: true, zoom: .fitted)
        XCTAssertEqual(geometry.entryRun, 5)
        XCTAssertEqual(geometry.pixelRun, 4)
        XCTAssertEqual(geometry.pixelWidth, 72)
        XCTAssertEqual(geometry.pixel(ofEntry: 30, origin: 0), 24)
        XCTAssertTrue(geometry.showsWholeMatrix)
        // The zoom goes through one entry per pixel, then magnifies.
        let ladder = MatrixGeometry.ladder(size: 90, room: 72, boundaries: [30, 60])
        XCTAssertEqual(ladder.map { "\($0.e)/\($0.p)" }, ["5/4", "1/1", "1/2", "1/4", "1/8"])
    }

    func testLargeMatricesAverageSeveralEntriesPerPixel() {
        let geometry = MatrixGeometry(size: 2052, boundaries: [], width: 80, height: 40, halfBlocks: true, zoom: .fitted)
        XCTAssertGreaterThanOrEqual(geometry.entryRun / geometry.pixelRun, 25)
        XCTAssertLessThanOrEqual(geometry.pixelWidth, 80)
        XCTAssertLessThanOrEqual(geometry.cellHeight, 40)
    }

    func testAPixelShowsTheMeanOfTheEntriesItCovers() {
        // 4x4 matrix in 2 pixels: each pixel averages a 2x2 square.
        let values: [Double] = [1, 3, 0, 0,
                                5, 7, 0, 0,
                                0, 0, -2, -2,
                                0, 0, -2, -6]
        let heatmap = MatrixPixelHeatmap(size: 4, values: values)
        let geometry = MatrixGeometry(size: 4, boundaries: [], width: 2, height: 1, halfBlocks: true, zoom: .fitted)
        XCTAssertEqual(geometry.entryRun, 2)
        XCTAssertEqual(heatmap.pixelValue(geometry, px: 0, py: 0), 4)
        XCTAssertEqual(heatmap.pixelValue(geometry, px: 1, py: 1), -3)
        XCTAssertEqual(heatmap.pixelValue(geometry, px: 1, py: 0), 0)
    }

    func testPanningStaysInsideTheMatrix() {
        let level = MatrixGeometry.ladder(size: 90, room: 40, boundaries: []).firstIndex { $0.e == 1 && $0.p == 1 }!
        let zoomed = MatrixGeometry(size: 90, boundaries: [], width: 40, height: 20, halfBlocks: true, zoom: MatrixZoom(level: level))
        XCTAssertEqual(zoomed.entryRun, 1)
        XCTAssertEqual(zoomed.shownColumns, 40)
        var zoom = zoomed.zoom
        for _ in 0..<50 {
            zoom = MatrixGeometry(size: 90, boundaries: [], width: 40, height: 20, halfBlocks: true, zoom: zoom)
                .panned(byFractionAcross: 0.5, down: 0.5)
        }
        let corner = MatrixGeometry(size: 90, boundaries: [], width: 40, height: 20, halfBlocks: true, zoom: zoom)
        XCTAssertEqual(corner.zoom.column + corner.shownColumns, 90)
        XCTAssertEqual(corner.zoom.row + corner.shownRows, 90)
    }

    func testSymmetricLogKeepsSmallStructureVisible() {
        let values = [200.0, -150, 0.02, -0.03, 0.5, 0, 0]
        let scale = SignedScale.symlog(fitting: values)
        let threshold = try! XCTUnwrap(scale.threshold)
        XCTAssertEqual(threshold, 0.02, accuracy: 1e-12, "the tenth percentile of the nonzero magnitudes")
        XCTAssertEqual(scale.position(200)!, 1, accuracy: 1e-12)
        XCTAssertEqual(scale.position(0), 0)
        XCTAssertGreaterThanOrEqual(DivergingColors.hessian.level(scale.position(0.02)!), 2, "a weak entry sits well away from zero")
        XCTAssertEqual(scale.value(at: scale.position(-0.5)!), -0.5, accuracy: 1e-12)
        let ticks = scale.ticks(maxCount: 9)
        XCTAssertTrue(ticks.contains(0))
        XCTAssertEqual(ticks.first, 100)
        XCTAssertEqual(ticks.last, -100)
        // Only an exact zero gets the zero colour.
        let colors = DivergingColors.hessian
        XCTAssertEqual(colors.level(1e-9), 1)
        XCTAssertEqual(colors.level(0), 0)
        XCTAssertEqual(colors.level(-1), -colors.levelsPerSide)
    }

    func testOutlinesUseTwoStylesAndDoubleLinesWhereTheyMeet() {
        let values = (0..<36).map { Double($0 % 7) - 3 }
        let heatmap = MatrixPixelHeatmap(size: 6, values: values,
                                         problemBlocks: MatrixOutline(blockSizes: [3, 3], color: MatrixOutline.problemColor),
                                         partition: MatrixOutline(blockSizes: [6], color: MatrixOutline.partitionColor), mode: .none)
        var canvas = Canvas(width: 40, height: 12)
        canvas.render(heatmap, in: canvas.bounds)
        let text = canvas.plainText()
        XCTAssertTrue(text.contains("╔"), text)
        XCTAssertTrue(text.contains("━"), text)
        XCTAssertTrue(text.contains("─") || text.contains("│"), text)
    }
}
