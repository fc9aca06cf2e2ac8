import Foundation
import Objectives
import OptimizerCore
import XCTest

/// Every optimizer and option against trajectories recorded from torch.optim, the official
/// Adam-mini 1.1.1 and lion-pytorch 0.2 (tools/make_fixtures.py), in Double (relative 1e-9) and
/// Float (relative 1e-5).
final class GoldenTrajectoryTests: XCTestCase {
    private typealias Gradient = ([Double]) -> [Double]

    /// The optimizers of more_trajectories.json that run here; Adafactor and Muon have their own
    /// tests (`MatrixOptimizerGoldenTests`).
    private static let elementwiseKinds: Set<String> = ["nadam", "radam", "adamax", "adadelta", "rprop", "lion"]

    func testTorchOptimAndAdamMiniMatch() throws {
        let kinds = try checkCases(in: "trajectories", minimum: 150) { _ in true }
        XCTAssertEqual(kinds, Set([.gd, .sgd, .momentum, .nesterov, .adagrad, .rmsprop, .adam, .adamw, .adamMini] as [OptimizerKind]))
    }

    func testNAdamRAdamAdamaxAdadeltaRpropAndLionMatch() throws {
        let kinds = try checkCases(in: "more_trajectories", minimum: 140) { Self.elementwiseKinds.contains($0) }
        XCTAssertEqual(Set(kinds.map(\.rawValue)), Self.elementwiseKinds)
    }

    /// Every registered optimizer but the exact-Hessian references has golden cases, in both
    /// precisions and on a matrix problem, so a new rule cannot land without them.
    func testEveryRegisteredOptimizerHasGoldenCases() throws {
        var precisions: [String: Set<String>] = [:], matrix: Set<String> = []
        for name in ["trajectories", "more_trajectories"] {
            let fixture = try Fixture.json(name)
            let problems = fixture["problems"] as! [String: [String: Any]]
            for testCase in fixture["cases"] as! [[String: Any]] {
                let optimizer = testCase.string("optimizer")
                precisions[optimizer, default: []].insert(testCase.string("precision"))
                let type = problems[testCase.string("problem")]!.string("type")
                if type == "matrix-regression" || type == "quadratic" { matrix.insert(optimizer) }
            }
        }
        for kind in OptimizerKind.allCases where !kind.needsHessian {
            XCTAssertEqual(precisions[kind.rawValue], ["double", "float"], "\(kind.rawValue) has no golden trajectories in both precisions")
            XCTAssertTrue(matrix.contains(kind.rawValue), "\(kind.rawValue) has no golden trajectory beyond 2-D surfaces")
        }
    }

    /// Runs every case of fixture `name` whose optimizer passes `include`; the kinds it checked.
    private func checkCases(in name: String, minimum: Int, include: (String) -> Bool) throws -> Set<OptimizerKind> {
        let fixture = try Fixture.json(name)
        let problems = fixture["problems"] as! [String: [String: Any]]
        let cases = (fixture["cases"] as! [[String: Any]]).filter { include($0.string("optimizer")) }
        XCTAssertGreaterThan(cases.count, minimum)
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
        return checkedKinds
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
        if type == "matrix-regression" {
            return matrixRegressionGradient(inputs: problem.matrix("inputs"), targets: problem.matrix("targets"))
        }
        let surface = try Surface.named(type)
        return { surface.gradient(at: $0) }
    }

    /// X^T (X W - Y) / N for W row-major [m, n], X [N, m], Y [N, n], in double precision.
    private func matrixRegressionGradient(inputs x: [[Double]], targets y: [[Double]]) -> Gradient {
        let (samples, rows, columns) = (x.count, x[0].count, y[0].count)
        return { w in
            var gradient = [Double](repeating: 0, count: rows * columns)
            for s in 0..<samples {
                for j in 0..<columns {
                    var prediction = 0.0
                    for i in 0..<rows { prediction += x[s][i] * w[i * columns + j] }
                    let residual = prediction - y[s][j]
                    for i in 0..<rows { gradient[i * columns + j] += x[s][i] * residual }
                }
            }
            return gradient.map { $0 / Double(samples) }
        }
    }
}
