import Objectives
import OptimizerCore

/// Reads the keys of a `type = "matrix-regression"` problem table: explicit `inputs` and
/// `targets`, or `samples`, `shape`, `condition` and `noise` for generated data.
enum MatrixRegressionLoader {
    /// The keys this problem type understands besides `type` and `start`.
    static let keys = ["inputs", "targets", "samples", "shape", "condition", "noise"]
    /// The keys that describe generated data.
    private static let generatorKeys = ["samples", "shape", "condition", "noise"]

    static func read(_ reader: inout TableReader, seed: UInt64) throws(ScenarioError) -> MatrixRegression {
        if reader.has("inputs") || reader.has("targets") {
            return try readExplicit(&reader)
        }
        guard let shape = reader.raw("shape") else {
            throw reader.error(nil, "type = \"matrix-regression\" needs inputs = [[...], ...] and targets = [[...], ...] (one row per sample), or shape = [m, n] and samples = N to generate them (with condition = 100.0 and noise = 0.0 by default)")
        }
        let (rows, columns) = try readShape(shape, reader: reader)
        guard let samples = try reader.integer("samples", 1...MatrixRegression.maximumSamples) else {
            throw reader.error(nil, "generated data needs samples = N, the number of rows of X (at least shape[0] = \(rows), at most \(MatrixRegression.maximumSamples))")
        }
        let condition = try reader.number("condition", 1...MatrixRegression.maximumCondition,
                                          describe: "a number from 1 to 1e12 (the condition number of X^T X / N)") ?? 100
        let noise = try reader.number("noise", 0...1e6, describe: "a number >= 0 (standard deviation of the Gaussian noise on the targets)") ?? 0
        do throws(MatrixRegressionError) {
            return try MatrixRegression.generate(samples: samples, rows: rows, columns: columns,
                                                 condition: condition, noise: noise, seed: seed)
        } catch {
            let key = if case .tooFewSamples = error { "samples" } else { "shape" }
            throw reader.error(key, error.description)
        }
    }

    /// The start: zeros unless the table gives m rows of n numbers (or m * n numbers, row-major)
    /// or "random" (W* plus a
    /// standard normal offset per entry, as for quadratics).
    static func readStart(_ reader: inout TableReader, problem: MatrixRegression, seed: UInt64) throws(ScenarioError) -> [Double] {
        let (m, n) = (problem.shape[0], problem.shape[1])
        guard let value = reader.raw("start") else { return Array(repeating: 0, count: m * n) }
        if case .string(let word) = value {
            guard word == "random" else {
                throw reader.error("start", "start = \"\(word)\" is not valid; start must be \"random\", or \(m) rows of \(n) numbers (the weight W), or left out for zeros")
            }
            var generator = SeededGenerator(seed: seed &+ 0x5157_A127)
            return problem.minimumPoint.map { $0 + generator.nextGaussian() }
        }
        // A flat list of m * n numbers, row-major, is what a written scenario holds.
        if case .array(let items) = value, items.count == m * n, items.allSatisfy({ $0.number != nil }),
           let numbers = try reader.numbers("start") {
            return numbers
        }
        return try readRows(value, key: "start", count: m, width: n, reader: reader).elements
    }

    private static func readExplicit(_ reader: inout TableReader) throws(ScenarioError) -> MatrixRegression {
        if let key = generatorKeys.first(where: reader.has) {
            throw reader.error(key, "\(key) describes generated data; with inputs and targets given, drop \(key) (the shape is [columns of inputs, columns of targets])")
        }
        guard let inputValue = reader.raw("inputs") else {
            throw reader.error("targets", "targets needs inputs = [[...], ...] beside it: X, one row of m numbers per sample")
        }
        guard let targetValue = reader.raw("targets") else {
            throw reader.error("inputs", "inputs needs targets = [[...], ...] beside it: Y, one row of n numbers per sample")
        }
        let inputs = try readRows(inputValue, key: "inputs", count: nil, width: nil, reader: reader)
        let targets = try readRows(targetValue, key: "targets", count: inputs.rows, width: nil, reader: reader)
        do throws(MatrixRegressionError) {
            return try MatrixRegression(inputs: inputs, targets: targets)
        } catch {
            throw reader.error(error == .nonFinite(what: "targets") ? "targets" : "inputs", error.description)
        }
    }

    private static func readShape(_ value: ConfigValue, reader: TableReader) throws(ScenarioError) -> (Int, Int) {
        let limit = MatrixRegression.maximumParameters
        guard case .array(let items) = value, items.count == 2,
              case .integer(let m) = items[0], case .integer(let n) = items[1],
              (1...limit).contains(m), (1...limit).contains(n), m * n <= limit else {
            throw reader.error("shape", "shape = \(TableReader.abbreviate(value)) is not valid; shape must be [m, n], two positive whole numbers with m * n at most \(limit)")
        }
        return (m, n)
    }

    /// A list of `count` rows (any number up to the sample limit when nil) of `width` finite
    /// numbers (the first row's length when nil).
    private static func readRows(_ value: ConfigValue, key: String, count: Int?, width: Int?,
                                 reader: TableReader) throws(ScenarioError) -> Matrix {
        let shapeText = "\(count.map(String.init) ?? "N") rows of \(width.map(String.init) ?? "equally many") numbers"
        guard case .array(let rows) = value, !rows.isEmpty else {
            throw reader.typeError(key, value, expected: "a list of rows, \(shapeText), e.g. [[1.0, 2.0], [0.5, -1.0]]")
        }
        if let count, rows.count != count {
            throw reader.error(key, "\(key) has \(rows.count) rows; give \(count) (\(shapeText))")
        }
        guard rows.count <= MatrixRegression.maximumSamples else {
            throw reader.error(key, "\(key) has \(rows.count) rows; the limit is \(MatrixRegression.maximumSamples)")
        }
        var elements: [Double] = []
        var expectedWidth = width
        for (index, row) in rows.enumerated() {
            guard case .array(let items) = row, !items.isEmpty else {
                throw reader.error(key, "\(key) row \(index + 1) = \(TableReader.abbreviate(row)) must be a list of numbers (\(shapeText))")
            }
            let rowWidth = expectedWidth ?? items.count
            guard items.count == rowWidth, rowWidth <= MatrixRegression.maximumParameters else {
                throw reader.error(key, "\(key) row \(index + 1) has \(items.count) numbers; every row needs \(rowWidth) (\(shapeText))")
            }
            expectedWidth = rowWidth
            guard elements.count + rowWidth <= MatrixRegression.maximumDataEntries else {
                throw reader.error(key, "\(key) holds more than \(MatrixRegression.maximumDataEntries) numbers, the limit for X and Y together")
            }
            for item in items {
                guard let x = item.number, x.isFinite else {
                    throw reader.error(key, "\(key) row \(index + 1) contains \(item.tomlText); entries must be finite numbers")
                }
                elements.append(x)
            }
        }
        return Matrix(rows: rows.count, columns: expectedWidth ?? 0, elements: elements)
    }
}
