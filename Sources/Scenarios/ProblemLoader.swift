import Objectives
import OptimizerCore

/// Reads the `[problem]` table.
enum ProblemLoader {
    /// The largest quadratic a scenario may define.
    static let maximumDimension = 1000

    static func read(_ table: TableReader, seed: UInt64) throws(ScenarioError) -> Problem {
        var reader = table
        guard let type = try reader.string("type") else {
            throw reader.error(nil, "missing type; type must be a surface name (\(Surface.names.joined(separator: ", "))), \"expression\", \"quadratic\", \"matrix-regression\", \"mlp\" or \"transformer\"")
        }
        if type == "matrix-regression" {
            return try readMatrixRegression(reader, seed: seed)
        }
        let noise = try reader.number("noise", 0...1e6, describe: "a number >= 0 (standard deviation of gradient noise)") ?? 0
        let kind: Problem.Kind
        var valid = ["type", "start", "view", "noise"]
        switch type {
        case "expression":
            valid += ["f"]
            guard let formula = try reader.string("f") else {
                throw reader.error(nil, "type = \"expression\" needs f = \"...\", a formula in x and y such as f = \"x^2 + 3*y^2\"")
            }
            do throws(ExpressionError) {
                kind = .expression(try ExpressionSurface(formula: formula))
            } catch {
                throw reader.error("f", "f = \(TableReader.abbreviate(.string(formula))): \(error.description)")
            }
        case "quadratic":
            valid += ["hessian", "blocks", "minimum", "coupling"]
            kind = .quadratic(try readQuadratic(&reader, seed: seed))
        case "mlp", "transformer":
            if reader.has("noise") {
                throw reader.error("noise", "noise applies to surfaces and quadratics; a network's gradients are minibatch estimates already (change batch instead)")
            }
            let network = try NetworkProblemLoader.read(&reader, type: type, seed: seed)
            try reader.requireAllUsed(valid: ["type"] + NetworkProblemLoader.keys)
            return Problem(kind: .network(network), start: [], view: nil, noise: 0, source: table.entries)
        default:
            valid += ["parameters"]
            var parameters: [String: Double] = [:]
            if let entries = try reader.table("parameters") {
                for (key, value) in entries {
                    guard let x = value.number, x.isFinite else {
                        throw reader.error("parameters", "parameters.\(key) = \(value.tomlText) must be a finite number")
                    }
                    parameters[key] = x
                }
            }
            do throws(SurfaceError) {
                kind = .surface(try Surface.named(type, parameters: parameters))
            } catch {
                let key = reader.has("parameters") && Surface.names.contains(type) ? "parameters" : "type"
                throw reader.error(key, error.description + (key == "type" ? "; or use \"expression\", \"quadratic\", \"matrix-regression\", \"mlp\" or \"transformer\"" : ""))
            }
        }
        var problem = Problem(kind: kind, start: [], view: nil, noise: noise, source: table.entries)
        // The view first: a random start is drawn from it.
        problem.view = try readView(&reader, problem: problem)
        problem.start = try readStart(&reader, problem: problem, seed: seed)
        try reader.requireAllUsed(valid: valid)
        return problem
    }

    /// A matrix regression: its `noise` is on the generated targets, so its gradients are exact.
    private static func readMatrixRegression(_ table: TableReader, seed: UInt64) throws(ScenarioError) -> Problem {
        var reader = table
        let regression = try MatrixRegressionLoader.read(&reader, seed: seed)
        if reader.has("view") {
            throw reader.error("view", "view applies to 2D problems only; a matrix regression is drawn on the plane of its Hessian's extreme eigenvectors")
        }
        let start = try MatrixRegressionLoader.readStart(&reader, problem: regression, seed: seed)
        try reader.requireAllUsed(valid: ["type", "start"] + MatrixRegressionLoader.keys)
        return Problem(kind: .matrixRegression(regression), start: start, view: nil, noise: 0, source: table.entries)
    }

    private static func readQuadratic(_ reader: inout TableReader, seed: UInt64) throws(ScenarioError) -> Quadratic {
        let minimumKey = "minimum"
        let coupling = try reader.number("coupling", 0...1e6, describe: "a number >= 0") ?? 0
        if let rows = reader.raw("hessian") {
            let matrix = try readMatrix(rows, reader: reader)
            let n = matrix.rows
            var blockSizes = [n]
            if let blocks = reader.raw("blocks") {
                blockSizes = try readSizes(blocks, key: "blocks", reader: reader)
                guard blockSizes.reduce(0, +) == n else {
                    throw reader.error("blocks", "blocks = \(blocks.tomlText) add up to \(blockSizes.reduce(0, +)), but hessian is \(n)x\(n); block sizes must add up to \(n)")
                }
            }
            let minimum = try reader.numbers(minimumKey) ?? Array(repeating: 0, count: n)
            guard minimum.count == n else {
                throw reader.error(minimumKey, "minimum has \(minimum.count) entries, but hessian is \(n)x\(n); give \(n) numbers")
            }
            do throws(QuadraticError) {
                return try Quadratic(hessian: matrix, minimum: minimum, blockSizes: blockSizes)
            } catch {
                throw reader.error("hessian", error.description)
            }
        }
        guard let blocks = reader.raw("blocks") else {
            throw reader.error(nil, "type = \"quadratic\" needs hessian = [[...]] or blocks = [{ size = 10, condition = 100.0 }, { eigenvalues = [1.0, 2.0] }, ...]")
        }
        guard case .array(let items) = blocks, !items.isEmpty else {
            throw reader.typeError("blocks", blocks, expected: "a list of block tables, e.g. [{ size = 10, condition = 100.0 }]")
        }
        var specs: [QuadraticBlockSpec] = []
        for (index, item) in items.enumerated() {
            guard case .table(let entries) = item else {
                throw reader.error("blocks", "blocks[\(index + 1)] = \(item.tomlText) is \(item.typeName); each block is a table { eigenvalues = [...] } or { size = N, condition = C, scale = S }")
            }
            var block = TableReader(entries, section: reader.section, path: "\(reader.path).blocks[\(index + 1)]", context: reader.context)
            if let eigenvalues = try block.numbers("eigenvalues") {
                guard !eigenvalues.isEmpty, eigenvalues.count <= maximumDimension, eigenvalues.allSatisfy({ $0 > 0 }) else {
                    throw block.error("eigenvalues", "eigenvalues must be 1 to \(maximumDimension) positive numbers")
                }
                specs.append(.eigenvalues(eigenvalues))
                try block.requireAllUsed(valid: ["eigenvalues"])
            } else {
                guard let size = try block.integer("size", 1...maximumDimension) else {
                    throw block.error(nil, "each block needs eigenvalues = [...] or size = N (with condition = C, default 10, and scale = S, default 1)")
                }
                let condition = try block.number("condition", 1...1e16, describe: "a number from 1 to 1e16") ?? 10
                let scale = try block.number("scale", 1e-12...1e12, describe: "a positive number") ?? 1
                specs.append(.conditioned(size: size, condition: condition, scale: scale))
                try block.requireAllUsed(valid: ["size", "condition", "scale"])
            }
        }
        let n = specs.reduce(0) { $0 + $1.size }
        guard n <= maximumDimension else {
            throw reader.error("blocks", "the blocks add up to \(n) dimensions; quadratics are limited to \(maximumDimension)")
        }
        let minimum = try reader.numbers(minimumKey)
        if let minimum, minimum.count != n {
            throw reader.error(minimumKey, "minimum has \(minimum.count) entries, but the blocks add up to \(n) dimensions; give \(n) numbers")
        }
        do throws(QuadraticError) {
            return try Quadratic.generate(blocks: specs, coupling: coupling, seed: seed, minimum: minimum)
        } catch {
            throw reader.error("blocks", error.description)
        }
    }

    private static func readMatrix(_ value: ConfigValue, reader: TableReader) throws(ScenarioError) -> Matrix {
        guard case .array(let rows) = value, !rows.isEmpty else {
            throw reader.typeError("hessian", value, expected: "a list of rows, e.g. [[2.0, 0.5], [0.5, 1.0]]")
        }
        guard rows.count <= maximumDimension else {
            throw reader.error("hessian", "hessian has \(rows.count) rows; quadratics are limited to \(maximumDimension) dimensions")
        }
        var elements: [Double] = []
        for (i, row) in rows.enumerated() {
            guard case .array(let items) = row, items.count == rows.count else {
                throw reader.error("hessian", "hessian row \(i + 1) = \(TableReader.abbreviate(row)) must be a list of \(rows.count) numbers (the matrix must be square)")
            }
            for item in items {
                guard let x = item.number, x.isFinite else {
                    throw reader.error("hessian", "hessian row \(i + 1) contains \(item.tomlText); entries must be finite numbers")
                }
                elements.append(x)
            }
        }
        return Matrix(rows: rows.count, columns: rows.count, elements: elements)
    }

    private static func readSizes(_ value: ConfigValue, key: String, reader: TableReader) throws(ScenarioError) -> [Int] {
        guard case .array(let items) = value, !items.isEmpty else {
            throw reader.typeError(key, value, expected: "a list of block sizes, e.g. [3, 3, 3]")
        }
        var sizes: [Int] = []
        for item in items {
            // Bounded so that adding the sizes up cannot overflow.
            guard case .integer(let size) = item, (1...maximumDimension).contains(size) else {
                throw reader.error(key, "\(key) = \(TableReader.abbreviate(value)) contains \(item.tomlText); block sizes must be whole numbers from 1 to \(maximumDimension)")
            }
            sizes.append(size)
        }
        return sizes
    }

    private static func readStart(_ reader: inout TableReader, problem: Problem, seed: UInt64) throws(ScenarioError) -> [Double] {
        let n = problem.layout.count
        let random: Bool
        if case .string(let word)? = reader.entries.first(where: { $0.key == "start" })?.value {
            _ = reader.raw("start")
            guard word == "random" else {
                throw reader.error("start", "start = \"\(word)\" is not valid; start must be a list of \(n) numbers or \"random\"")
            }
            random = true
        } else if let start = try reader.numbers("start") {
            guard start.count == n else {
                throw reader.error("start", "start has \(start.count) coordinates, but the problem has \(n); give \(n) numbers")
            }
            return start
        } else {
            random = problem.planar == nil
        }
        if let planar = problem.planar {
            guard random else { return planar.defaultStart }
            var generator = SeededGenerator(seed: seed)
            let box = problem.view ?? planar.viewBox
            return [box.x.lowerBound + (box.x.upperBound - box.x.lowerBound) * generator.nextUniform(),
                    box.y.lowerBound + (box.y.upperBound - box.y.lowerBound) * generator.nextUniform()]
        }
        // A quadratic's random start: the minimum plus a standard normal offset per coordinate.
        var generator = SeededGenerator(seed: seed &+ 0x5157_A127)
        guard let q = problem.quadraticModel else { return Array(repeating: 0, count: n) }
        return q.minimumPoint.map { $0 + generator.nextGaussian() }
    }

    private static func readView(_ reader: inout TableReader, problem: Problem) throws(ScenarioError) -> ViewBox? {
        guard let entries = try reader.table("view") else { return problem.planar?.viewBox }
        guard problem.planar != nil else {
            throw reader.error("view", "view applies to 2D problems only; a quadratic is drawn on the plane of its extreme eigenvectors")
        }
        var box = TableReader(entries, section: "problem", path: "problem.view", context: reader.context)
        func range(_ key: String) throws(ScenarioError) -> ClosedRange<Double> {
            // A finite width keeps random starts and plot scales finite.
            guard let pair = try box.numbers(key), pair.count == 2, pair[0] < pair[1], (pair[1] - pair[0]).isFinite else {
                throw reader.error("view", "view.\(key) must be two increasing numbers [low, high] with a finite difference, e.g. view = { x = [-2.0, 2.0], y = [-1.0, 3.0] }")
            }
            return pair[0]...pair[1]
        }
        let view = ViewBox(x: try range("x"), y: try range("y"))
        try box.requireAllUsed(valid: ["x", "y"])
        return view
    }
}
