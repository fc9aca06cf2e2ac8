import Rendering
import XCTest
@testable import Visualizer

/// The network Hessian's views: the tensor-block matrix, one tensor's diagonal block with
/// Adam-mini's official blocks, the keys that step between them, and a title that never lets an
/// old Hessian pass for the current one.
final class NetworkHessianViewTests: XCTestCase {
    /// The shipped two-spirals MLP scenario, written out so tuning the shipped file moves no snapshot.
    static let spirals = """
    name = "Optimizers training a small MLP on two spirals"
    description = "A tanh MLP with two hidden layers of 16 learns to tell two interleaved spirals apart."

    [problem]
    type = "mlp"
    task = "spirals"
    points = 400
    hidden = [16, 16]
    activation = "tanh"
    batch = 32
    eval_every = 10

    [run]
    steps = 1500
    seed = 3

    [[optimizer]]
    type = "sgd"
    label = "SGD"
    lr = 0.1

    [[optimizer]]
    type = "sgd"
    label = "SGD momentum"
    lr = 0.1
    momentum = 0.9

    [[optimizer]]
    type = "adagrad"
    label = "AdaGrad"
    lr = 0.05

    [[optimizer]]
    type = "adam"
    label = "Adam"
    lr = 0.01

    [[optimizer]]
    type = "adam-mini"
    label = "Adam-mini"
    lr = 0.01
    """

    /// The spirals session at step 0 with its Hessian formed (taken once: forming it is the slow part).
    nonisolated(unsafe) static var formed: AppState?

    func spiralsWithHessian() throws -> AppState {
        if let state = Self.formed { return state }
        var state = try Fixtures.state(Self.spirals)
        state.formPendingHessian()
        Self.formed = state
        return state
    }

    func testTheTensorBlockMatrixIsTheDefaultViewAt120x40And160x48() throws {
        let state = try spiralsWithHessian()
        XCTAssertNil(state.hessianTensor)
        for (width, height) in [(120, 40), (160, 48)] {
            let text = ScreenRenderer().render(state.after(.input(.resize(width: width, height: height)))).plainText()
            XCTAssertTrue(text.contains("5 mlp.2.bias"), "rows are labelled with the tensors")
            Snapshot.assert(text, named: "network-hessian-tensor-blocks-\(width)x\(height)")
        }
    }

    func testOneTensorsDiagonalBlockAt120x40And160x48() throws {
        var state = try spiralsWithHessian()
        state = state.after(Fixtures.key("t"), Fixtures.key("t"), Fixtures.key("t"))
        XCTAssertEqual(state.hessianTensor, 2)
        XCTAssertTrue(state.show(.hessian))
        for (width, height) in [(120, 40), (160, 48)] {
            let text = ScreenRenderer().render(state.after(.input(.resize(width: width, height: height)))).plainText()
            XCTAssertTrue(text.contains("tensor 3/6 mlp.1 [16x16]"))
            XCTAssertTrue(text.contains("one per row, 16 of 16 entries"))
            XCTAssertTrue(text.contains("not outlined") || text.contains("too fine to outline"))
            Snapshot.assert(text, named: "network-hessian-tensor-mlp.1-\(width)x\(height)")
        }
    }

    func testTheTensorViewOutlinesTheOfficialBlocksOnlyWhenEveryOneFits() throws {
        var state = try spiralsWithHessian()
        XCTAssertTrue(state.showHessianTensor("mlp.0"))
        XCTAssertTrue(state.show(.hessian))
        let text = ScreenRenderer().render(state.after(.input(.resize(width: 160, height: 48)))).plainText()
        // mlp.0 is 16 rows of 2 weights: 32x32 at one glyph pixel per entry without colour, so its
        // blocks are 2 pixels wide and none is outlined (outlining some would read as structure).
        XCTAssertTrue(text.contains("tensor 1/6 mlp.0 [16x2]"))
        XCTAssertTrue(text.contains("Adam-mini's blocks: one per row, 16 of 2 entries, too fine to outline at this size"), text)
        XCTAssertTrue(text.contains("one entry per pixel"))
        XCTAssertFalse(text.contains("━"))
        // With colour (half-block pixels) the same panel has room for 2x2 pixels per entry.
        let blocks = MatrixOutline(blockSizes: Array(repeating: 2, count: 16), color: MatrixOutline.partitionColor)
        let halfBlocks = MatrixGeometry(size: 32, boundaries: [], width: 80, height: 40, halfBlocks: true, zoom: .fitted)
        XCTAssertEqual(halfBlocks.pixelRun, 2)
        XCTAssertTrue(NetworkHessianPanel.outlinesEveryBlock(blocks, geometry: halfBlocks))
        let glyphs = MatrixGeometry(size: 32, boundaries: [], width: 80, height: 40, halfBlocks: false, zoom: .fitted)
        XCTAssertFalse(NetworkHessianPanel.outlinesEveryBlock(blocks, geometry: glyphs))
        XCTAssertTrue(state.showHessianTensor("mlp.0.bias"))
        let bias = ScreenRenderer().render(state.after(.input(.resize(width: 160, height: 48)))).plainText()
        XCTAssertTrue(bias.contains("one per coordinate (plain Adam), nothing to outline"))
        XCTAssertTrue(state.showHessianTensor("mlp.2"))
        let outlined = ScreenRenderer().render(state.after(.input(.resize(width: 160, height: 48)))).plainText()
        XCTAssertTrue(outlined.contains("━ Adam-mini's blocks: one per row, 2 of 16 entries"), outlined)
        XCTAssertFalse(state.showHessianTensor("no.such.tensor"))
        XCTAssertTrue(state.showHessianTensor("1"))
        XCTAssertEqual(state.hessianTensor, 0)
    }

    func testTStepsThroughEveryTensorAndBackToTheMatrixBothWays() throws {
        var state = try spiralsWithHessian()
        var seen: [Int?] = []
        for _ in 0..<8 {
            state = state.after(Fixtures.key("t"))
            seen.append(state.hessianTensor)
        }
        XCTAssertEqual(seen, [0, 1, 2, 3, 4, 5, nil, 0])
        XCTAssertTrue(state.notice?.contains("tensor 1 of 6, mlp.0") ?? false)
        seen = []
        for _ in 0..<8 {
            state = state.after(Fixtures.key("T"))
            seen.append(state.hessianTensor)
        }
        XCTAssertEqual(seen, [nil, 5, 4, 3, 2, 1, 0, nil])
        XCTAssertTrue(state.notice?.contains("tensor-block matrix") ?? false)
    }

    func testTensorKeysWithoutAHessianOrWhileItIsFormedNeverCrash() throws {
        // At load the Hessian is asked for and not formed yet.
        var state = try Fixtures.state(Self.spirals)
        XCTAssertTrue(state.hessianPending)
        state = state.after(Fixtures.key("t"), Fixtures.key("t"))
        XCTAssertEqual(state.hessianTensor, 1)
        XCTAssertTrue(ScreenRenderer().render(state).plainText().contains("forming the Hessian"))
        // No Hessian at all: after a reset drops one taken later.
        state.formPendingHessian()
        state.advance(steps: 3)
        state = state.after(Fixtures.key("H"))
        state.formPendingHessian()
        state = state.after(Fixtures.key("r"), Fixtures.key("T"))
        XCTAssertNil(state.networkHessian)
        XCTAssertEqual(state.hessianTensor, 0)
        XCTAssertTrue(state.notice?.contains("H forms the Hessian") ?? false)
        XCTAssertTrue(ScreenRenderer().render(state).plainText().contains("press H to form the Hessian"))
        // A problem without tensors says so and changes nothing.
        let surface = try Fixtures.state(Fixtures.rosenbrock).after(Fixtures.key("t"))
        XCTAssertNil(surface.hessianTensor)
        XCTAssertTrue(surface.notice?.contains("network's tensors") ?? false)
        var noTensors = surface
        XCTAssertFalse(noTensors.showHessianTensor("1"), "a surface has no tensor 1")
        XCTAssertFalse(noTensors.showHessianTensor("0"))
    }

    func testTheTitleNamesWhereTheHessianWasTakenAndWhenThatIsNotWhatIsSelected() {
        func title(racer: Int, step: Int, width: Int = 200) -> String {
            NetworkHessianTitle.title(takenBy: "AdamW", racer: 0, atStep: 0, selected: racer, selectedLabel: racer == 0 ? "AdamW" : "Adam-mini",
                                      currentStep: step, width: width)
        }
        XCTAssertEqual(title(racer: 0, step: 0), "Hessian taken at AdamW · step 0")
        XCTAssertEqual(title(racer: 1, step: 0), "Hessian taken at AdamW · step 0 · selected: Adam-mini · H retakes")
        XCTAssertEqual(title(racer: 0, step: 120), "Hessian taken at AdamW · step 0 · now step 120 · H retakes")
        XCTAssertEqual(title(racer: 1, step: 120), "Hessian taken at AdamW · step 0 · selected: Adam-mini, step 120 · H retakes")
        XCTAssertEqual(title(racer: 1, step: 120, width: 62), "Hessian at AdamW · step 0 · now Adam-mini, 120 · H retakes")
        for width in [10, 30, 45, 60] {
            let narrow = title(racer: 1, step: 120, width: width)
            XCTAssertTrue(narrow.contains("AdamW") && narrow.contains("Adam-mini"), narrow)
        }
    }

    func testTheTitleFollowsTheSelectionAndTheStep() throws {
        var state = try spiralsWithHessian().after(.input(.resize(width: 160, height: 48)))
        XCTAssertTrue(ScreenRenderer().render(state).plainText().contains("Hessian taken at SGD · step 0 "))
        state = state.after(Fixtures.key(.tab))
        XCTAssertTrue(ScreenRenderer().render(state).plainText().contains("selected: SGD momentum · H retakes"))
        state.advance(steps: 2)
        XCTAssertTrue(ScreenRenderer().render(state).plainText().contains("SGD · step 0 · now SGD momentum, 2"))
    }

    func testTensorBlockRMSMatchesItsDiagonalBlocksAndIsSymmetric() throws {
        guard case .success(let hessian)? = try spiralsWithHessian().networkHessian else { return XCTFail("no Hessian") }
        let t = hessian.tensors.count
        XCTAssertEqual(hessian.tensors.map(\.label), ["mlp.0", "mlp.0.bias", "mlp.1", "mlp.1.bias", "mlp.2", "mlp.2.bias"])
        XCTAssertEqual(hessian.tensors.map(\.blockSizes.count), [16, 16, 16, 16, 2, 2])
        XCTAssertEqual(hessian.tensors.flatMap(\.blockSizes), hessian.blockSizes)
        for a in 0..<t {
            let block = hessian.diagonalBlocks[a]
            let rms = (block.reduce(0) { $0 + $1 * $1 } / Double(block.count)).squareRoot()
            XCTAssertEqual(hessian.tensorBlockRMS[a * t + a], rms, accuracy: 1e-12 * rms)
            for b in 0..<t {
                XCTAssertEqual(hessian.tensorBlockRMS[a * t + b], hessian.tensorBlockRMS[b * t + a],
                               accuracy: 1e-12 * hessian.tensorBlockRMS[a * t + b])
            }
        }
    }

    func testTensorLabelsAreShortAndUnambiguous() {
        let names = ["model.embed_tokens.weight", "model.layers.0.input_layernorm.weight",
                     "model.layers.0.self_attn.q_proj.weight", "model.layers.0.self_attn.k_proj.weight",
                     "model.layers.0.post_attention_layernorm.weight", "model.layers.0.mlp.gate_proj.weight",
                     "model.norm.weight", "lm_head.weight"]
        XCTAssertEqual(TensorLabels.labels(names), ["embed", "layers.0.attn_norm", "layers.0.attn.q", "layers.0.attn.k",
                                                    "layers.0.mlp_norm", "layers.0.mlp.gate", "norm", "lm_head"])
        // Two names that shorten alike keep their full names.
        XCTAssertEqual(TensorLabels.labels(["a.q_proj.weight", "a.q.weight", "b.bias"]), ["a.q_proj.weight", "a.q.weight", "b.bias"])
    }

    func testTheGridColoursTheLargestBlockBrightestAndZeroDark() {
        let grid = TensorBlockGrid(labels: ["a", "b"], values: [1, 0.01, 0.01, 0], mode: .direct)
        XCTAssertEqual(grid.level(1), Colormap.viridis.levels)
        XCTAssertEqual(grid.level(0.01), 1)
        XCTAssertEqual(grid.level(0), 0)
        XCTAssertNil(grid.level(.nan))
        var canvas = Canvas(width: 40, height: 8)
        canvas.render(grid, in: canvas.bounds)
        let text = canvas.plainText()
        XCTAssertTrue(text.contains("─1"), text)
        XCTAssertTrue(text.contains("─0.01"), text)
        XCTAssertTrue(text.contains("─0"), "a zero block gets its own colour in the bar")
    }
}

extension NetworkHessianViewTests {
    func testNarrowGridsKeepLabelsUnambiguous() {
        let labels = ["embed", "layers.0.attn.q", "layers.0.attn.k", "layers.0.attn.v", "layers.0.attn.o",
                      "layers.0.mlp.gate", "layers.0.mlp.up", "layers.0.mlp.down", "layers.0.attn_norm",
                      "layers.0.mlp_norm", "norm", "lm_head"]
        let grid = TensorBlockGrid(labels: labels, values: Array(repeating: 1, count: 144), mode: .none)
        XCTAssertEqual(grid.layout(width: 61, height: 20).labels, labels, "the 160x48 side panel")
        let narrow = grid.layout(width: 49, height: 18)
        XCTAssertEqual(narrow.labels[1], "0.attn.q", "the 120x40 side panel drops the layers. prefix")
        XCTAssertEqual(Set(narrow.labels).count, labels.count)
        XCTAssertEqual(narrow.across, 2)
        XCTAssertEqual(TensorLabels.compact(["layers.0.q", "0.q"]), ["layers.0.q", "0.q"], "would collide: kept")
    }
}

extension NetworkHessianViewTests {
    func testZoomAndPanActOnATensorWhenTheHessianIsTheMainView() throws {
        var state = try spiralsWithHessian().after(.input(.resize(width: 160, height: 48)))
        XCTAssertNil(state.networkTensorGeometry, "the tensor-block matrix has nothing to zoom")
        state = state.after(Fixtures.key("t"), Fixtures.key("t"), Fixtures.key("t"))
        XCTAssertNil(state.networkTensorGeometry, "a side panel is always fitted")
        XCTAssertTrue(state.show(.hessian))
        guard let fitted = state.networkTensorGeometry else { return XCTFail("no geometry for mlp.1") }
        XCTAssertTrue(fitted.showsWholeMatrix)
        XCTAssertGreaterThan(fitted.entryRun, fitted.pixelRun, "256 entries: several per pixel when fitted")
        for _ in 0..<8 where state.networkTensorGeometry.map({ $0.entryRun > 1 }) ?? false { state = state.after(Fixtures.key("z")) }
        guard let zoomed = state.networkTensorGeometry else { return XCTFail("no geometry after zooming") }
        XCTAssertEqual(zoomed.entryRun, 1, "entry by entry")
        for _ in 0..<24 { state = state.after(Fixtures.key("l"), Fixtures.key("j")) }
        guard let panned = state.networkTensorGeometry else { return XCTFail("no geometry after panning") }
        XCTAssertEqual(panned.zoom.column + panned.shownColumns, 256, "panned to the last column, not past it")
        XCTAssertEqual(panned.zoom.row + panned.shownRows, 256)
        let text = ScreenRenderer().render(state).plainText()
        XCTAssertTrue(text.contains("of 256"), "the resolution line says which entries are shown")
        XCTAssertTrue(text.contains("━"), "16 entries per row block are wide enough to outline up close")
        state = state.after(Fixtures.key("t"))
        XCTAssertEqual(state.matrixZoom, .fitted, "the next tensor starts fitted")
    }
}
