import Networks
import Objectives
import OptimizerCore
import Rendering
import XCTest
@testable import Visualizer

/// The spectrum view: block densities on one axis and their JS distances, at both judged sizes,
/// reached with `v`, and worked out in the background without holding up the screen.
final class SpectrumViewTests: XCTestCase {
    /// Zhang et al.'s simplest cases: the same nine eigenvalues, grouped by scale (heterogeneous)
    /// or one of each scale per block (homogeneous).
    static func quadratic(_ blocks: String) -> String {
        """
        name = "Spectrum test"
        description = "Three blocks."

        [problem]
        type = "quadratic"
        blocks = [\(blocks)]
        start = "random"

        [run]
        steps = 10
        seed = 1

        [[optimizer]]
        type = "gd"
        lr = 0.0003

        [[optimizer]]
        type = "adam"
        lr = 0.01
        """
    }

    static let heterogeneous = quadratic("{ eigenvalues = [1, 2, 3] }, { eigenvalues = [99, 100, 101] }, { eigenvalues = [4998, 4999, 5000] }")
    static let homogeneous = quadratic("{ eigenvalues = [1, 99, 4998] }, { eigenvalues = [2, 100, 4999] }, { eigenvalues = [3, 101, 5000] }")

    private func state(_ toml: String, width: Int = 160, height: Int = 48) throws -> AppState {
        var state = try Fixtures.state(toml, width: width, height: height)
        XCTAssertTrue(state.show(.spectrum), "a quadratic offers the spectrum view")
        return state
    }

    func testBothCasesAtBothSizes() throws {
        for (name, toml) in [("heterogeneous", Self.heterogeneous), ("homogeneous", Self.homogeneous)] {
            for (width, height) in [(160, 48), (120, 40)] {
                let text = ScreenRenderer().render(try state(toml, width: width, height: height)).plainText()
                Snapshot.assert(text, named: "view-spectrum-\(name)-\(width)x\(height)")
            }
        }
    }

    func testTheViewSaysHowDifferentTheBlocksAre() throws {
        let apart = ScreenRenderer().render(try state(Self.heterogeneous)).plainText()
        let alike = ScreenRenderer().render(try state(Self.homogeneous)).plainText()
        for text in [apart, alike] {
            XCTAssertTrue(text.contains("Hessian spectra by block · JS distances"), text)
            XCTAssertTrue(text.contains("H is constant: the eigenvalues of its 3 diagonal blocks"), text)
            XCTAssertTrue(text.contains("whole H"), text)
            XCTAssertTrue(text.contains("JS distance, block by block"), text)
            XCTAssertTrue(text.contains("κ 5000"), text)
        }
        // Blocks three decades apart hardly overlap; blocks spanning the same three decades
        // overlap in most of their mass (1, 2 and 3 are still a fifth of a decade and more apart).
        let mean = { (toml: String) throws -> Double in
            guard case .success(let source) = try self.state(toml).spectrumSource,
                  let result = SpectrumMonitor.work(source.job, workers: 1, report: { _ in true }) else { return .nan }
            return result.heterogeneity.meanDistance ?? .nan
        }
        let heterogeneous = try mean(Self.heterogeneous), homogeneous = try mean(Self.homogeneous)
        XCTAssertGreaterThan(heterogeneous, 0.9)
        XCTAssertLessThan(homogeneous, 0.3)
        XCTAssertTrue(apart.contains("mean JS distance \(Formatting.number(heterogeneous))"), apart)
        XCTAssertTrue(alike.contains("mean JS distance \(Formatting.number(homogeneous))"), alike)
    }

    func testVReachesTheSpectrumAndComesBackAround() throws {
        var state = try Fixtures.state(Self.heterogeneous, width: 160, height: 48)
        XCTAssertEqual(state.mainViews, [.hessian, .errors, .slice, .rates, .curvature, .spectrum])
        for _ in 0..<5 { state = state.after(Fixtures.key("v")) }
        XCTAssertEqual(state.mainView, .spectrum)
        XCTAssertTrue(ScreenRenderer().render(state).plainText().contains("mean JS distance"))
        state = state.after(Fixtures.key("v"))
        XCTAssertEqual(state.mainView, .hessian)
        // Surfaces have no blocks and do not offer it.
        var surface = try Fixtures.state(Fixtures.rosenbrock, width: 160, height: 48)
        XCTAssertFalse(surface.show(.spectrum))
    }

    func testBackgroundWorkShowsProgressAndNeverBlocksTheFrame() throws {
        let state = try state(Self.heterogeneous)
        let renderer = ScreenRenderer(curvatureMode: .background)
        let first = renderer.render(state).plainText()
        // The first frame comes back before the spectra: it says they are being worked out,
        // unless the background queue already finished (a nine-coordinate H is quick).
        XCTAssertTrue(first.contains("working out the spectra") || first.contains("mean JS distance"), first)
        let deadline = Date().addingTimeInterval(20)
        while renderer.isBusy, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertFalse(renderer.isBusy)
        XCTAssertTrue(renderer.render(state).plainText().contains("mean JS distance"))
    }

    func testANewRequestStopsAJobNoLongerWanted() throws {
        // A report that says stop ends the work with no result.
        guard case .success(let source) = try state(Self.heterogeneous).spectrumSource else { return XCTFail("no source") }
        XCTAssertNil(SpectrumMonitor.work(source.job, workers: 1, report: { _ in false }))
    }

    /// A network too large to form H gets its spectra from Hessian-vector products at the
    /// selected racer's weights: one block per tensor and the whole H, each product the
    /// network's own.
    func testALargeNetworkIsEstimatedFromHessianVectorProducts() throws {
        let toml = """
            name = "Large MLP"
            description = "Too many parameters to form H."

            [problem]
            type = "mlp"
            task = "spirals"
            points = 64
            hidden = [64, 64]

            [run]
            steps = 5
            seed = 2

            [[optimizer]]
            type = "adam"
            lr = 0.01
            """
        var state = try Fixtures.state(toml)
        XCTAssertTrue(state.show(.spectrum), "a network offers the spectrum view")
        for _ in 0..<3 { state.apply(Fixtures.key("n")) }
        let layout = try XCTUnwrap(state.scenario.problem.network).layout
        XCTAssertGreaterThan(layout.count, NetworkHessian.maximumParameters)
        guard case .success(let source) = state.spectrumSource else { return XCTFail("no spectrum job: \(state.spectrumSource)") }
        let part = try XCTUnwrap(source.job.parts.first)
        XCTAssertEqual(part.blocks.map(\.pieces), layout.tensors.map { [$0.offset..<($0.offset + $0.count)] })
        XCTAssertNotNil(source.job.full, "the whole H's density is estimated too")
        XCTAssertTrue(source.origin(120).contains("at step 3: SLQ"), source.origin(120))

        let trainer = try XCTUnwrap(state.timeline.race.networkRace).trainer(0)
        let curvature = try NetworkCurvature(trainer: trainer, maximumExamples: NetworkHessian.maximumExamples, workers: 1)
        var generator = SeededGenerator(seed: 5)
        let x = (0..<layout.count).map { _ in Double.random(in: -1...1, using: &generator) }
        let expected = curvature.hessianOperator.apply(x)
        let measured = part.matrix.apply(x)
        let scale = expected.map(abs).max() ?? 1
        for (a, b) in zip(measured, expected) { XCTAssertEqual(a, b, accuracy: 1e-12 * max(scale, 1)) }
    }
}
