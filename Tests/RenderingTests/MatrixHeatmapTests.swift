import XCTest
import Rendering

final class MatrixHeatmapTests: XCTestCase {
    let matrix: [Double] = [
        1, 0, 0,
        0, 1, -0.5,
        0, -0.5, 1,
    ]

    func testThreeByThreeWithBlockOutlines() {
        let heatmap = MatrixHeatmap(rows: 3, columns: 3, values: matrix, blocks: [1, 2], mode: .none)
        XCTAssertEqual(rendered(heatmap, width: 20, height: 8), """

             ┌──┐
             │##│
             └──┼────┐
                │##--│
                │--##│
                └────┘

        """)
    }

    func testSecondPartitionIsOverlaidInHeavyLines() {
        let heatmap = MatrixHeatmap(rows: 3, columns: 3, values: matrix, blocks: [1, 2], secondaryBlocks: [3], mode: .none)
        let canvas = canvas(heatmap, width: 20, height: 8)
        XCTAssertEqual(canvas.plainText(), """

             ┏━━━━━━━┓
             ┃##│    ┃
             ┃──┼────┃
             ┃  │##--┃
             ┃  │--##┃
             ┗━━━━━━━┛

        """)
        XCTAssertEqual(canvas[5, 1].foreground, heatmap.secondaryColor)
        XCTAssertEqual(canvas[8, 3].foreground, heatmap.primaryColor)
    }

    func testDivergingColoursAreCentredOnZero() {
        let heatmap = MatrixHeatmap(rows: 1, columns: 3, values: [-2, 0, 2])
        let canvas = canvas(heatmap, width: 6, height: 1)
        XCTAssertEqual(canvas[0, 0].background, Colormap.blueWhiteRed.color(at: 0))
        XCTAssertEqual(canvas[2, 0].background, .rgb(247, 247, 247))
        XCTAssertEqual(canvas[4, 0].background, Colormap.blueWhiteRed.color(at: 1))
    }

    func testEntriesGrowToFillTheRect() {
        let heatmap = MatrixHeatmap(rows: 2, columns: 2, values: [1, -1, -1, 1], mode: .none)
        XCTAssertEqual(rendered(heatmap, width: 8, height: 4), "####====\n####====\n====####\n====####")
    }

    func testLargeMatrixIsDownsampledKeepingTheLargestMagnitude() {
        var values = [Double](repeating: 0.01, count: 40 * 40)
        values[0] = -5
        let heatmap = MatrixHeatmap(rows: 40, columns: 40, values: values, blocks: [20, 20], mode: .none)
        let text = rendered(heatmap, width: 20, height: 8)
        XCTAssertEqual(text.split(separator: "\n", omittingEmptySubsequences: false).count, 8)
        XCTAssertTrue(text.hasPrefix("  ┌"))
        XCTAssertTrue(text.contains("┘"))
    }

    func testNaNEntriesAndBadBlockSizes() {
        let heatmap = MatrixHeatmap(rows: 2, columns: 2, values: [.nan, .infinity], blocks: [0, -3, 5], mode: .none)
        XCTAssertEqual(heatmap.resolvedLimit, 1)
        let text = rendered(heatmap, width: 12, height: 6)
        XCTAssertTrue(text.contains("·"))
        XCTAssertTrue(text.contains("┌"))
    }
}
