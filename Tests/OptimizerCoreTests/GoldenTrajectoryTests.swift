import Foundation
import Objectives
import OptimizerCore
import XCTest

/// Every optimizer and option against trajectories recorded from torch.optim and the official
/// Adam-mini 1.1.1 (tools/make_fixtures.py), in Double (relative 1e-9) and Float (relative 1e-5).
final class GoldenTrajectoryTests: XCTestCase {
    private typealias Gradient = ([Double]) -> [Double]

    func testEveryCaseMatchesTorch() throws {
        let fixture = try Fixture.json("trajectories")
        let problems = fixture["problems"] as! [String: [String: Any]]
        let cases = fixture["cases"] as! [[String: Any]]
        XCTAssertGreaterThan(cases.count, 150)
        var checkedKinds = Set<OptimizerKind>()
        for testCase in cases {
            let id = testCase.string("id")
            let kind = try XCTUnwrap(OptimizerKind(rawValue: testCase.string("optimizer")), id)
            checkedKinds.insert(kind)
            let problem = problems[testCase.string("problem")]!
            let gradient = try gradientFunction(problem)
            let reference = testCase.matrix("trajectory")
            let ours: [[Double]]
            let tolerance: Double
            switch testCase.string("precision") {
            case "double":
                ours = try run(Double.self, testCase, problem: problem, gradient: gradient, expectKind: kind)
                tolerance = 1e-9
            default:
                ours = try run(Float.self, testCase, problem: problem, gradient: gradient, expectKind: kind)
                tolerance = 1e-5
            }
            XCTAssertEqual(ours.count, reference.count, id)
            var worst = 0.0
            for (row, expected) in zip(ours, reference) {
                for (a, b) in zip(row, expected) {
                    worst = max(worst, abs(a - b) / max(abs(b), 1))
                }
            }
            XCTAssertLessThanOrEqual(worst, tolerance, "\(id): worst relative error \(worst)")
            // A trajectory that never moves would match a broken optimizer on a flat start.
            XCTAssertNotEqual(reference.first, reference.last, id)
        }
        // Adafactor and Muon: MatrixOptimizerGoldenTests; Newton: NewtonTests.
        XCTAssertEqual(checkedKinds, Set(OptimizerKind.allCases).subtracting([.blockGD, .newton, .adafactor, .muon]))
    }

    private func run<T: OptimizerScalar>(
        _: T.Type, _ testCase: [String: Any], problem: [String: Any], gradient: Gradient, expectKind: OptimizerKind
    ) throws -> [[Double]] {
        let names = testCase["parameter_names"] as! [String]
        let shapes = (testCase["parameter_shapes"] as! [[NSNumber]]).map { $0.map(\.intValue) }
        let layout = ParameterLayout(Array(zip(names, shapes)).map { ($0.0, $0.1) })
        var configuration = OptimizerConfiguration(kind: expectKind)
        let options = testCase["options"] as! [String: Any]
        for (name, raw) in options where !["dim", "n_heads", "n_kv_heads"].contains(name) {
            let value: HyperValue
            // JSONSerialization gives NSNumber for both numbers and booleans on Linux; the
            // object's class tells them apart.
            switch raw {
            case let pair as [NSNumber]: value = .pair(pair[0].doubleValue, pair[1].doubleValue)
            case let flag as Bool where String(describing: type(of: raw)).contains("Bool"): value = .flag(flag)
            case let number as NSNumber: value = .real(number.doubleValue)
            default: XCTFail("unreadable option \(name)"); continue
            }
            try configuration.set(name, to: value)
        }
        try configuration.hyperparameters.validate()
        var hessianBlocks: [Int]?
        if let partition = testCase["partition"] as? String {
            switch partition {
            case "tensor": configuration.partition = .tensor
            case "coordinate": configuration.partition = .coordinate
            case "blocks":
                configuration.partition = .hessianBlocks
                hessianBlocks = (problem["block_sizes"] as! [NSNumber]).map(\.intValue)
            default:
                configuration.partition = .official(AdamMiniNameRules(
                    dim: options.int("dim"), heads: options.int("n_heads"), kvHeads: options.int("n_kv_heads")))
            }
        }
        var optimizer = try configuration.makeOptimizer(T.self, layout: layout, hessianBlocks: hessianBlocks)
        XCTAssertEqual(optimizer.kind, expectKind)
        var x = testCase.doubles("start").map { T($0) }
        var rows = [x.map(Double.init)]
        for _ in 0..<testCase.int("steps") {
            let g = gradient(x.map(Double.init)).map { T($0) }
            optimizer.step(parameters: &x, gradients: g)
            rows.append(x.map(Double.init))
        }
        return rows
    }

    private func gradientFunction(_ problem: [String: Any]) throws -> Gradient {
        let type = problem.string("type")
        if type == "quadratic" {
            let h = problem.matrix("hessian"), minimum = problem.doubles("minimum")
            return { x in
                h.map { row in zip(row, zip(x, minimum)).reduce(0) { $0 + $1.0 * ($1.1.0 - $1.1.1) } }
            }
        }
        let surface = try Surface.named(type)
        return { surface.gradient(at: $0) }
    }
}
