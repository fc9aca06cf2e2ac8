import Rendering
import XCTest
@testable import Visualizer

/// Every main view of an N-D problem, and the views of a 2-D one, as literal screens at the two
/// sizes the views are judged at.
final class ViewSnapshotTests: XCTestCase {
    /// A small Adam-mini toy: three dense blocks of 10 an order of magnitude apart in curvature.
    static let toy = """
    name = "Three-block test"
    description = "Three dense blocks."

    [problem]
    type = "quadratic"
    blocks = [{ size = 10, condition = 2, scale = 1.0 }, { size = 10, condition = 2, scale = 10.0 }, { size = 10, condition = 2, scale = 100.0 }]
    start = "random"

    [run]
    steps = 60
    seed = 5

    [[optimizer]]
    type = "gd"
    lr = 0.0099

    [[optimizer]]
    type = "adam"
    lr = 0.05

    [[optimizer]]
    type = "adam-mini"
    label = "Adam-mini (blocks)"
    lr = 0.05
    partition = "blocks"

    [[optimizer]]
    type = "block-gd"
    scale = 1.0
    """

    private func screen(_ view: PanelView, width: Int, height: Int, steps: Int = 40, selected: Int = 2) throws -> String {
        var state = try Fixtures.state(Self.toy, width: width, height: height)
        XCTAssertTrue(state.show(view), "\(view) is a view of an N-D problem")
        for _ in 0..<selected { state = state.after(Fixtures.key(.tab)) }
        state.advance(steps: steps)
        return ScreenRenderer().render(state).plainText()
    }

    func testEveryNDimensionalViewAtBothSizes() throws {
        for (width, height) in [(160, 48), (120, 40)] {
            for view in [PanelView.hessian, .errors, .slice, .rates, .curvature] {
                let text = try screen(view, width: width, height: height)
                Snapshot.assert(text, named: "view-\(view.rawValue)-\(width)x\(height)")
            }
        }
    }

    func testViewsSayWhatTheyShow() throws {
        let hessian = try screen(.hessian, width: 160, height: 48)
        XCTAssertTrue(hessian.contains("Hessian 30x30 · 3 blocks · symlog scale"), hessian)
        XCTAssertTrue(hessian.contains("━ Adam-mini (blocks)'s 3 blocks  ═ both (they coincide)"), hessian)
        let errors = try screen(.errors, width: 160, height: 48)
        XCTAssertTrue(errors.contains("error per Hessian block (log) vs step · Adam-mini (blocks)"), errors)
        XCTAssertTrue(errors.contains("block 3 λ"), errors)
        let rates = try screen(.rates, width: 160, height: 48)
        XCTAssertTrue(rates.contains("▲ adam 30"), rates)
        XCTAssertTrue(rates.contains("■ Adam-mini (bl… 3"), rates)
        let curvature = try screen(.curvature, width: 160, height: 48)
        XCTAssertTrue(curvature.contains("threshold 38"), curvature)
        XCTAssertTrue(curvature.contains("λmax(P½HP½) vs step"), curvature)
        let before = try screen(.curvature, width: 160, height: 48, steps: 0, selected: 1)
        XCTAssertTrue(before.contains("adam has no step sizes before its first update (press n)"), before)
    }

    func testSurfaceViews() throws {
        for view in [PanelView.rates, .curvature] {
            var state = try Fixtures.state(Fixtures.rosenbrock, width: 160, height: 48)
            XCTAssertTrue(state.show(view))
            state.advance(steps: 30)
            Snapshot.assert(ScreenRenderer().render(state).plainText(), named: "surface-\(view.rawValue)-160x48")
        }
    }
}
