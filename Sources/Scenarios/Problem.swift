import Networks
import Objectives
import OptimizerCore

/// The validated `[problem]` table: the objective, where to start, how to look at it.
public struct Problem: Sendable {
    /// What kind of problem this is.
    public enum Kind: Sendable {
        /// A named standard surface.
        case surface(Surface)
        /// A formula in x and y.
        case expression(ExpressionSurface)
        /// f(x) = 1/2 (x - x*)^T H (x - x*).
        case quadratic(Quadratic)
        /// f(W) = 1/(2N) ||X W - Y||_F^2 over one matrix-shaped tensor.
        case matrixRegression(MatrixRegression)
        /// A network trained on a dataset, in minibatches.
        case network(NetworkProblem)
    }

    /// The problem.
    public var kind: Kind
    /// Where every optimizer starts.
    public var start: [Double]
    /// The plot box for 2D problems (the surface's default unless the file gives one).
    public var view: ViewBox?
    /// Standard deviation of Gaussian noise added to every gradient (0: exact gradients).
    public var noise: Double
    /// The `[problem]` table as written, kept so a retuned scenario can be saved faithfully.
    public var source: [(key: String, value: ConfigValue)]

    /// The objective to minimise, for problems given by a formula (nil for networks, whose loss
    /// is a minibatch estimate).
    public var objective: (any Objective)? {
        switch kind {
        case .surface(let s): s
        case .expression(let e): e
        case .quadratic(let q): q
        case .matrixRegression(let r): r
        case .network: nil
        }
    }

    /// f - f_min as an exact quadratic, for problems whose Hessian is the same everywhere
    /// (quadratics, matrix regressions): what the Hessian panel and the eigenvector plane draw.
    public var quadraticModel: Quadratic? {
        objective?.quadraticModel
    }

    /// The network problem, if this is one.
    public var network: NetworkProblem? {
        if case .network(let n) = kind { return n }
        return nil
    }

    /// The layout of the parameters every optimizer updates.
    public var layout: ParameterLayout {
        if case .network(let n) = kind { return n.layout }
        return objective!.layout
    }

    /// The objective as a 2D surface, for problems that have one.
    public var planar: (any PlanarObjective)? {
        switch kind {
        case .surface(let s): s
        case .expression(let e): e
        case .quadratic, .matrixRegression, .network: nil
        }
    }

    /// The Hessian's diagonal block sizes (quadratics; one block for a matrix regression), else nil.
    public var hessianBlocks: [Int]? {
        quadraticModel?.blockSizes
    }

    /// The exact Hessian at a point, n x n row-major, for problems that have one (every problem
    /// given by a formula); nil for networks.
    public var exactHessian: (@Sendable ([Double]) -> [Double])? {
        guard let objective else { return nil }
        return { objective.hessian(at: $0).elements }
    }

    /// Builds `configuration`'s optimizer for these parameters with what the problem knows: its
    /// default partition, Hessian blocks and curvatures, exact Hessian, and whether it is a network.
    public func makeOptimizer<Scalar: OptimizerScalar>(_ configuration: OptimizerConfiguration,
                                                       _: Scalar.Type = Scalar.self) throws(PartitionError) -> any Optimizer<Scalar> {
        try configuration.makeOptimizer(Scalar.self, layout: layout, defaultPartition: defaultPartition,
                                        hessianBlocks: hessianBlocks, curvatures: curvatures,
                                        hessian: exactHessian, network: network != nil)
    }

    /// Adam-mini's partition when the optimizer table names none: Hessian blocks on quadratics,
    /// the official rules on networks, one tensor (`xy`) on surfaces.
    public var defaultPartition: PartitionStrategy {
        switch kind {
        case .quadratic: return .hessianBlocks
        case .network(let n): return n.defaultPartition
        default: return .tensor
        }
    }

    /// Block-GD's curvatures for a block map: lambda_max of each diagonal block of H (problems
    /// whose Hessian is the same everywhere).
    public var curvatures: ((BlockMap) -> [Double])? {
        guard let q = quadraticModel else { return nil }
        return { map in
            map.runs.flatMap { run in
                (0..<run.blockCount).map { q.hessianMatrix.principalLambdaMax(run.indices(ofBlock: $0)) }
            }
        }
    }

    /// A short type name: the surface name, `expression`, `quadratic`, `matrix-regression` or the model's.
    public var typeName: String {
        switch kind {
        case .surface(let s): s.name
        case .expression: "expression"
        case .quadratic: "quadratic"
        case .matrixRegression: "matrix-regression"
        case .network(let n): n.model.name
        }
    }
}

extension Matrix {
    /// The largest eigenvalue of the principal submatrix on `indices` (a block's coordinates).
    func principalLambdaMax(_ indices: [Int]) -> Double {
        var block = Matrix(rows: indices.count, columns: indices.count)
        for (i, row) in indices.enumerated() {
            for (j, column) in indices.enumerated() { block[i, j] = self[row, column] }
        }
        return block.symmetricEigen().values.last ?? 0
    }
}
