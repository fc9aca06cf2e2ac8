import Objectives
import OptimizerCore

/// The full Hessian of a network's loss and how much of it Adam-mini's blocks capture.
public enum HessianAnalysis {
    /// H[:, j] = (g(p + h e_j) - g(p - h e_j)) / 2h from exact (backpropagated) gradients, then
    /// symmetrised as (H + H^T) / 2. Costs 2n gradient evaluations for n parameters.
    public static func hessian(network: any NeuralNetwork<Double>, parameters: [Double], batch: Batch,
                               step h: Double = 1e-5) -> Matrix {
        hessian(networks: [network], parameters: parameters, batch: batch, step: h)
    }

    /// The same Hessian with its columns shared among several copies of the network (one per
    /// thread of the shared worker pool, each with its own scratch); the result does not depend
    /// on how many there are.
    public static func hessian(networks: [any NeuralNetwork<Double>], parameters: [Double], batch: Batch,
                               step h: Double = 1e-5) -> Matrix {
        let n = parameters.count
        var matrix = Matrix(rows: n, columns: n)
        let workers = networks.count
        let box = NetworkList(networks)
        matrix.elements.withUnsafeMutableBufferPointer { elements in
            let output = SharedPointer(elements.baseAddress!)
            Parallelism.forEachSlice(workers) { worker in
                let network = box.networks[worker]
                var probe = parameters
                for j in stride(from: worker, to: n, by: workers) {
                    probe[j] = parameters[j] + h
                    let plus = network.lossAndGradients(parameters: probe, batch: batch).gradients
                    probe[j] = parameters[j] - h
                    let minus = network.lossAndGradients(parameters: probe, batch: batch).gradients
                    probe[j] = parameters[j]
                    // Column j is written by this worker only.
                    for i in 0..<n { output.base[i * n + j] = (plus[i] - minus[i]) / (2 * h) }
                }
            }
        }
        matrix.symmetrise()
        return matrix
    }

    /// The share of ||H||_F^2 inside diagonal blocks of consecutive coordinates with these sizes
    /// (a block covers the square of its coordinates).
    public static func shareInBlocks(_ hessian: Matrix, sizes: [Int]) -> Double {
        var start = 0
        var groups: [[Int]] = []
        for size in sizes {
            groups.append(Array(start..<(start + size)))
            start += size
        }
        return shareInGroups(hessian, groups: groups)
    }

    /// The same share for blocks of the same sizes whose coordinates are drawn at random (a
    /// seeded random permutation cut into the sizes), averaged over `draws`.
    public static func shareInRandomBlocks(_ hessian: Matrix, sizes: [Int], draws: Int, seed: UInt64) -> Double {
        var generator = SeededGenerator(seed: seed)
        var total = 0.0
        for _ in 0..<draws {
            var order = Array(0..<hessian.rows)
            order.shuffle(using: &generator)
            var start = 0
            var groups: [[Int]] = []
            for size in sizes {
                groups.append(Array(order[start..<(start + size)]))
                start += size
            }
            total += shareInGroups(hessian, groups: groups)
        }
        return total / Double(max(draws, 1))
    }

    private static func shareInGroups(_ hessian: Matrix, groups: [[Int]]) -> Double {
        let n = hessian.columns
        let all = hessian.elements.reduce(0) { $0 + $1 * $1 }
        guard all > 0 else { return 0 }
        var inside = 0.0
        for group in groups {
            for i in group {
                for j in group {
                    let x = hessian.elements[i * n + j]
                    inside += x * x
                }
            }
        }
        return inside / all
    }
}

/// Networks handed to Hessian workers, one each: no two threads touch the same network.
private struct NetworkList: @unchecked Sendable {
    let networks: [any NeuralNetwork<Double>]
    init(_ networks: [any NeuralNetwork<Double>]) { self.networks = networks }
}
