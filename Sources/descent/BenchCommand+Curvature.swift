import Foundation
import Objectives
import OptimizerCore
import Scenarios

extension BenchCommand {
    /// Dimensions `--curvature` times: the toy, and two larger block quadratics of the same shape.
    static let curvatureDimensions = [90, 300, 1000]
    /// Optimizers whose spectra are timed: one step size, one per coordinate, one per block.
    static let curvatureOptimizers: [OptimizerKind] = [.gd, .adam, .adamMini]
    /// Updates taken before measuring, so that every optimizer has step sizes.
    static let curvatureWarmSteps = 20

    /// One row of `descent bench --curvature`.
    struct CurvatureTiming {
        let dimension: Int
        let optimizer: String
        /// Seconds for `PreconditionedCurvature.measure` with H's eigenvalues known (the per-step cost).
        let spectrum: Double
        /// Seconds for the Lanczos lambda_max alone.
        let sharpness: Double
        let iterations: Int
        /// |Lanczos - dense| / dense for lambda_max.
        let relativeError: Double
    }

    /// `descent bench --curvature`: the cost of the preconditioned spectrum on block quadratics shaped
    /// like Adam-mini's toy (three dense blocks with eigenvalues in [1,2], [10,20], [100,200]).
    func runCurvature() throws {
        var rows: [CurvatureTiming] = []
        var hessianCosts: [(dimension: Int, values: Double, decomposition: Double)] = []
        for n in Self.curvatureDimensions {
            var race = try Race<Double>(scenario: ScenarioLoader.parse(text: Self.curvatureScenario(dimension: n), file: "bench-\(n).toml"))
            for _ in 0..<Self.curvatureWarmSteps { race.advance() }
            guard let quadratic = race.objective as? Quadratic else { preconditionFailure("the bench problem is a quadratic") }
            let h = quadratic.hessianMatrix
            let values = median(timedRepetitions(warmUps: 1) { _ = h.symmetricEigenvalues() })
            let decomposition = median(timedRepetitions(warmUps: 0, count: 1) { _ = quadratic.eigen })
            hessianCosts.append((n, values, decomposition))
            let known = quadratic.eigen.values
            for (index, racer) in race.racers.enumerated() {
                var dense: PreconditionedCurvature?
                let spectrum = median(timedRepetitions(warmUps: 1) {
                    dense = PreconditionedCurvature.measure(optimizer: racer.optimizer, hessian: h, hessianEigenvalues: known)
                })
                var fast: PreconditionedSharpness?
                let sharpness = median(timedRepetitions(warmUps: 1) { fast = race.preconditionedSharpness(racer: index) })
                guard let dense, let fast else { preconditionFailure("every bench optimizer has step sizes after warm-up") }
                rows.append(CurvatureTiming(dimension: n, optimizer: racer.label, spectrum: spectrum, sharpness: sharpness,
                                            iterations: fast.estimate.iterations,
                                            relativeError: abs(fast.lambdaMax - dense.lambdaMax) / abs(dense.lambdaMax)))
            }
        }
        switch format {
        case .text:
            print("descent bench --curvature: block quadratics like adam-mini-toy.toml, \(Self.curvatureWarmSteps) updates before measuring, median of \(repetitions) timed calls each")
            print("    n  eigenvalues of H (ms)  eigen decomposition of H, once (ms)")
            for cost in hessianCosts {
                print(String(format: "%5d  %21.2f  %35.2f", cost.dimension, cost.values * 1e3, cost.decomposition * 1e3))
            }
            print("    n  optimizer   spectrum of P^1/2 H P^1/2 (ms)  Lanczos lambda_max (ms)  iterations  relative error")
            for row in rows {
                print(String(format: "%5d  ", row.dimension) + row.optimizer.padding(toLength: 10, withPad: " ", startingAt: 0)
                      + String(format: "  %30.3f  %23.3f  %10d  %14.1e", row.spectrum * 1e3, row.sharpness * 1e3, row.iterations, row.relativeError))
            }
        case .json:
            let costs = hessianCosts.map {
                "{\"n\":\($0.dimension),\"hessian_eigenvalues_ms\":\($0.values * 1e3),\"hessian_decomposition_ms\":\($0.decomposition * 1e3)}"
            }
            let items = rows.map {
                "{\"n\":\($0.dimension),\"optimizer\":\"\($0.optimizer)\",\"spectrum_ms\":\($0.spectrum * 1e3),\"lanczos_ms\":\($0.sharpness * 1e3),\"lanczos_iterations\":\($0.iterations),\"lanczos_relative_error\":\($0.relativeError)}"
            }
            print("{\"warm_steps\":\(Self.curvatureWarmSteps),\"repetitions\":\(repetitions),\"hessian\":[\(costs.joined(separator: ","))],\"results\":[\(items.joined(separator: ","))]}")
        }
    }

    /// Three dense blocks of about n/3 (eigenvalues log-spaced over [1,2], [10,20], [100,200], each block
    /// randomly rotated) and the optimizers of `curvatureOptimizers` with the toy's settings.
    static func curvatureScenario(dimension n: Int) -> String {
        let sizes = [n / 3, n / 3, n - 2 * (n / 3)]
        let blocks = zip(sizes, [1.0, 10.0, 100.0]).map { "{ size = \($0), condition = 2.0, scale = \($1) }" }.joined(separator: ", ")
        let settings: [OptimizerKind: String] = [.gd: "lr = 0.0099", .adam: "lr = 0.05", .adamMini: "lr = 0.05\npartition = \"blocks\""]
        let tables = curvatureOptimizers.map { "[[optimizer]]\ntype = \"\($0.rawValue)\"\n\(settings[$0] ?? "")" }.joined(separator: "\n\n")
        return "[problem]\ntype = \"quadratic\"\nblocks = [\(blocks)]\nstart = \"random\"\n\n[run]\nseed = 1\n\n\(tables)\n"
    }
}
