import Foundation
import Objectives
import OptimizerCore
import XCTest

/// Adafactor and Muon against torch.optim (tools/make_fixtures.py, more_trajectories.json): in
/// Double (relative 1e-9) and Float (relative 1e-5) on surfaces, the quadratic as a vector and as
/// a 3x3 matrix, and two matrix regressions; Muon also against stock torch's bfloat16 iteration.
final class MatrixOptimizerGoldenTests: XCTestCase {
    private typealias Gradient = ([Double]) -> [Double]

    private struct Case {
        let id: String
        let raw: [String: Any]
        let problem: [String: Any]
        var options: [String: Any] { raw["options"] as! [String: Any] }
        var shape: [Int] { (raw["parameter_shapes"] as! [[NSNumber]])[0].map(\.intValue) }
        var isDouble: Bool { raw.string("precision") == "double" }
        var bfloat16: Bool { (raw["newton_schulz"] as? String) == "bfloat16" }
    }

    private func cases(_ optimizer: String) throws -> [Case] {
        let fixture = try Fixture.json("more_trajectories")
        let problems = fixture["problems"] as! [String: [String: Any]]
        return (fixture["cases"] as! [[String: Any]]).filter { $0.string("optimizer") == optimizer }.map {
            Case(id: $0.string("id"), raw: $0, problem: problems[$0.string("problem")]!)
        }
    }

    private func gradient(_ problem: [String: Any]) throws -> Gradient {
        switch problem.string("type") {
        case "quadratic":
            let h = problem.matrix("hessian"), minimum = problem.doubles("minimum")
            return { x in h.map { row in zip(row, zip(x, minimum)).reduce(0) { $0 + $1.0 * ($1.1.0 - $1.1.1) } } }
        case "matrix-regression":
            let regression = try MatrixRegression(inputs: Matrix(problem.matrix("inputs")), targets: Matrix(problem.matrix("targets")))
            return { regression.gradient(at: $0) }
        case let name:
            let surface = try Surface.named(name)
            return { surface.gradient(at: $0) }
        }
    }

    /// Runs `step` from the case's start with the fixture's gradient rule; the rows of the trajectory.
    private func trajectory<T: OptimizerScalar>(
        _: T.Type, _ testCase: Case, _ step: (Int, inout [T], [T]) -> Void
    ) throws -> [[Double]] {
        let gradient = try gradient(testCase.problem)
        var x = testCase.raw.doubles("start").map { T($0) }
        var rows = [x.map(Double.init)]
        for t in 1...testCase.raw.int("steps") {
            let g = gradient(x.map(Double.init)).map { T($0) }
            step(t, &x, g)
            rows.append(x.map(Double.init))
        }
        return rows
    }

    private func worstError(_ ours: [[Double]], _ reference: [[Double]]) -> Double {
        var worst = 0.0
        for (row, expected) in zip(ours, reference) {
            for (a, b) in zip(row, expected) { worst = max(worst, abs(a - b) / max(abs(b), 1)) }
        }
        return worst
    }

    /// The registered optimizer of `kind` with the case's options, stepping the case's one tensor.
    private func stepper<T: OptimizerScalar>(_: T.Type, _ testCase: Case, kind: OptimizerKind) throws -> (Int, inout [T], [T]) -> Void {
        var configuration = OptimizerConfiguration(kind: kind)
        for (name, raw) in testCase.options {
            let value: HyperValue
            switch raw {
            case let list as [NSNumber]: value = .list(list.map(\.doubleValue))
            case let word as String: value = .choice(word)
            case is NSNull: value = .choice("none")
            case let flag as Bool where String(describing: type(of: raw)).contains("Bool"): value = .flag(flag)
            case let number as NSNumber: value = .real(number.doubleValue)
            default: throw CocoaError(.coderInvalidValue)
            }
            try configuration.set(name, to: value)
        }
        let layout = ParameterLayout([("weight", testCase.shape)])
        var optimizer: any Optimizer<T> = try configuration.makeOptimizer(T.self, layout: layout)
        return { _, x, g in optimizer.step(parameters: &x, gradients: g) }
    }

    // MARK: Adafactor

    func testAdafactorMatchesTorch() throws {
        let all = try cases("adafactor")
        XCTAssertGreaterThanOrEqual(all.count, 40)
        XCTAssertTrue(all.contains { $0.shape.count == 2 } && all.contains { $0.shape.count == 1 }, "factored and full")
        for testCase in all {
            let ours = testCase.isDouble ? try trajectory(Double.self, testCase, stepper(Double.self, testCase, kind: .adafactor))
                : try trajectory(Float.self, testCase, stepper(Float.self, testCase, kind: .adafactor))
            let worst = worstError(ours, testCase.raw.matrix("trajectory"))
            XCTAssertLessThanOrEqual(worst, testCase.isDouble ? 1e-9 : 1e-5, "\(testCase.id): worst relative error \(worst)")
        }
    }

    // MARK: Muon

    func testMuonMatchesTorchWithTheIterationInTheRunsPrecision() throws {
        let patched = try cases("muon").filter { !$0.bfloat16 }
        XCTAssertGreaterThanOrEqual(patched.count, 30)
        for testCase in patched {
            let ours = testCase.isDouble ? try trajectory(Double.self, testCase, stepper(Double.self, testCase, kind: .muon))
                : try trajectory(Float.self, testCase, stepper(Float.self, testCase, kind: .muon))
            let worst = worstError(ours, testCase.raw.matrix("trajectory"))
            XCTAssertLessThanOrEqual(worst, testCase.isDouble ? 1e-9 : 1e-5, "\(testCase.id): worst relative error \(worst)")
        }
    }

    func testMuonStaysWithinBfloat16RoundingOfStockTorch() throws {
        let stock = try cases("muon").filter(\.bfloat16)
        XCTAssertGreaterThanOrEqual(stock.count, 8)
        for testCase in stock {
            let ours = testCase.isDouble ? try trajectory(Double.self, testCase, stepper(Double.self, testCase, kind: .muon))
                : try trajectory(Float.self, testCase, stepper(Float.self, testCase, kind: .muon))
            let reference = testCase.raw.matrix("trajectory")
            var worst = 0.0
            for (row, expected) in zip(ours, reference) {
                for (a, b) in zip(row, expected) { worst = max(worst, abs(a - b)) }
            }
            // Each step moves p by lr' X with |X_ij| <= 1; bfloat16 keeps 8 significant bits, so
            // stock torch's X is off by a few units of 2^-8 per entry and the gap grows by at most
            // about lr' * 4 * 2^-8 per step.
            let o = testCase.options
            let adjusted = Muon.LearningRateAdjustment(rawValue: o.string("adjust_lr_fn"))!
                .adjusted(o.double("lr"), rows: testCase.shape[0], columns: testCase.shape[1])
            let bound = Double(testCase.raw.int("steps")) * adjusted * 4 * 0x1p-8
            XCTAssertLessThanOrEqual(worst, bound, "\(testCase.id): largest gap \(worst)")
            // And bfloat16 visibly matters: far more than the run's own rounding.
            XCTAssertGreaterThan(worst, 1e-4, testCase.id)
        }
    }
}
