import Objectives
import OptimizerCore
import Scenarios
import XCTest

/// `type = "matrix-regression"` in a scenario file: explicit and generated data, starts, and a
/// located message for every mistake.
final class MatrixRegressionScenarioTests: XCTestCase {
    private let explicit = """
    [problem]
    type = "matrix-regression"
    inputs = [[1.0, 2.0], [0.0, 1.0], [-1.0, 0.5]]
    targets = [[1.0, 0.0, 2.0], [0.5, -1.0, 0.0], [1.0, 1.0, 1.0]]

    [[optimizer]]
    type = "gd"
    lr = 0.1

    """

    private func failure(_ text: String) -> ScenarioError? {
        do {
            _ = try ScenarioLoader.parse(text: text, file: "bad.toml")
            return nil
        } catch {
            return error
        }
    }

    private func assertError(_ text: String, line: Int, key: String, contains fragment: String,
                             file: StaticString = #filePath, testLine: UInt = #line) {
        guard let error = failure(text) else { return XCTFail("expected an error", file: file, line: testLine) }
        XCTAssertEqual(error.line, line, "\(error)", file: file, line: testLine)
        XCTAssertEqual(error.keyPath, key, "\(error)", file: file, line: testLine)
        XCTAssertTrue(error.description.contains(fragment), "'\(error)' lacks '\(fragment)'", file: file, line: testLine)
    }

    func testExplicitDataGivesOneWeightTensorStartingAtZero() throws {
        let scenario = try ScenarioLoader.parse(text: explicit, file: "m.toml")
        guard case .matrixRegression(let regression) = scenario.problem.kind else { return XCTFail("not a matrix regression") }
        XCTAssertEqual(regression.shape, [2, 3])
        XCTAssertEqual(scenario.problem.layout.tensors.map(\.name), ["weight"])
        XCTAssertEqual(scenario.problem.layout.tensors[0].shape, [2, 3])
        XCTAssertEqual(scenario.problem.start, Array(repeating: 0, count: 6))
        XCTAssertEqual(scenario.problem.typeName, "matrix-regression")
        XCTAssertNotNil(scenario.problem.quadraticModel, "the Hessian panel and the eigenvector plane need it")
        XCTAssertEqual(scenario.problem.noise, 0, "noise on the targets is not gradient noise")
    }

    func testStartAsRowsAndRandomStart() throws {
        let rows = try ScenarioLoader.parse(text: explicit.replacingOccurrences(
            of: "[[optimizer]]", with: "start = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]\n\n[[optimizer]]"), file: "m.toml")
        XCTAssertEqual(rows.problem.start, [1, 2, 3, 4, 5, 6])
        // A written scenario holds the start flat, row-major.
        let flat = try ScenarioLoader.parse(text: explicit.replacingOccurrences(
            of: "[[optimizer]]", with: "start = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]\n\n[[optimizer]]"), file: "m.toml")
        XCTAssertEqual(flat.problem.start, [1, 2, 3, 4, 5, 6])
        let random = try ScenarioLoader.parse(text: explicit.replacingOccurrences(
            of: "[[optimizer]]", with: "start = \"random\"\n\n[[optimizer]]"), file: "m.toml")
        XCTAssertEqual(random.problem.start.count, 6)
        XCTAssertNotEqual(random.problem.start, Array(repeating: 0, count: 6))
    }

    func testGeneratedDataFollowsShapeSamplesConditionAndSeed() throws {
        let text = """
        [problem]
        type = "matrix-regression"
        shape = [4, 6]
        samples = 30
        condition = 50.0
        noise = 0.01

        [run]
        seed = 5

        [[optimizer]]
        type = "adam"

        """
        let scenario = try ScenarioLoader.parse(text: text, file: "g.toml")
        guard case .matrixRegression(let regression) = scenario.problem.kind else { return XCTFail("not a matrix regression") }
        XCTAssertEqual(regression.sampleCount, 30)
        XCTAssertEqual(regression.shape, [4, 6])
        let values = regression.quadratic.eigen.values
        XCTAssertEqual(values.last! / values.first!, 50, accuracy: 1e-8)
        let again = try ScenarioLoader.parse(text: text, file: "g.toml")
        guard case .matrixRegression(let same) = again.problem.kind else { return XCTFail() }
        XCTAssertEqual(same.inputs, regression.inputs)
    }

    func testMistakesAreLocated() {
        assertError(explicit.replacingOccurrences(of: "[-1.0, 0.5]]", with: "[-1.0]]"), line: 3, key: "problem.inputs",
                    contains: "row 3 has 1 numbers; every row needs 2")
        assertError(explicit.replacingOccurrences(of: ", [1.0, 1.0, 1.0]]", with: "]"), line: 4, key: "problem.targets",
                    contains: "targets has 2 rows; give 3")
        assertError(explicit.replacingOccurrences(of: "[[optimizer]]", with: "samples = 10\n\n[[optimizer]]"), line: 6, key: "problem.samples",
                    contains: "describes generated data")
        assertError(explicit.replacingOccurrences(of: "[[optimizer]]", with: "start = [[1.0, 2.0]]\n\n[[optimizer]]"), line: 6, key: "problem.start",
                    contains: "start has 1 rows; give 2")
        assertError(explicit.replacingOccurrences(of: "[[optimizer]]", with: "start = \"ones\"\n\n[[optimizer]]"), line: 6, key: "problem.start",
                    contains: "\"random\", or 2 rows of 3 numbers")
        assertError("[problem]\ntype = \"matrix-regression\"\nshape = [40, 40]\nsamples = 50\n", line: 3, key: "problem.shape",
                    contains: "m * n at most 1000")
        assertError("[problem]\ntype = \"matrix-regression\"\nshape = [8, 2]\nsamples = 5\n", line: 4, key: "problem.samples",
                    contains: "must be between 8")
        assertError("[problem]\ntype = \"matrix-regression\"\nshape = [8, 2]\nsamples = 5000\ncondition = 0.5\n", line: 5, key: "problem.condition",
                    contains: "from 1 to 1e12")
        assertError("[problem]\ntype = \"matrix-regression\"\nshape = [30, 30]\nsamples = 9000\n", line: 3, key: "problem.shape",
                    contains: "the limit is 200000")
        assertError("[problem]\ntype = \"matrix-regression\"\n", line: 1, key: "problem",
                    contains: "needs inputs")
    }

    func testRowsPartitionKeepsOneSecondMomentPerRow() throws {
        let scenario = try ScenarioLoader.parse(text: explicit + """
        [[optimizer]]
        type = "adam-mini"
        partition = "rows"

        """, file: "m.toml")
        let configuration = scenario.optimizers[1].configuration
        XCTAssertEqual(configuration.partition, .rows)
        let map = try PartitionStrategy.rows.blockMap(for: scenario.problem.layout)
        XCTAssertEqual(map.blockSizes, [3, 3])
    }

    /// On a matrix regression the columns of W are the Hessian's blocks: H = (X^T X / N) kron I_n
    /// couples no two columns, and each column's block is X^T X / N itself.
    func testColumnsPartitionIsTheHessiansBlocks() throws {
        let scenario = try ScenarioLoader.parse(text: explicit + """
        [[optimizer]]
        type = "block-gd"
        partition = "columns"

        """, file: "m.toml")
        XCTAssertEqual(scenario.optimizers[1].configuration.partition, .columns)
        let problem = scenario.problem
        let map = try PartitionStrategy.columns.blockMap(for: problem.layout)
        XCTAssertEqual(map.blockSizes, [2, 2, 2])
        let h = try XCTUnwrap(problem.quadraticModel).hessianMatrix
        for i in 0..<6 {
            for j in 0..<6 where map.block(containing: i) != map.block(containing: j) {
                XCTAssertEqual(h[i, j], 0, accuracy: 1e-15, "H couples columns at (\(i), \(j))")
            }
        }
        // X^T X / N = [[2, 1.5], [1.5, 5.25]] / 3.
        let a = [2.0 / 3, 0.5, 5.25 / 3]
        let lambdaMax = (a[0] + a[2]) / 2 + (((a[0] - a[2]) / 2) * ((a[0] - a[2]) / 2) + a[1] * a[1]).squareRoot()
        let curvatures = try XCTUnwrap(problem.curvatures)(map)
        XCTAssertEqual(curvatures.count, 3)
        for value in curvatures { XCTAssertEqual(value, lambdaMax, accuracy: 1e-12) }
        // Block-GD on them descends.
        var optimizer = try problem.makeOptimizer(scenario.optimizers[1].configuration, Double.self)
        var x = [Double](repeating: 0, count: 6)
        let objective = try XCTUnwrap(problem.objective)
        let start = objective.value(at: x)
        for _ in 0..<50 { optimizer.step(parameters: &x, gradients: objective.gradient(at: x)) }
        XCTAssertLessThan(objective.value(at: x) - (objective.minimumValue ?? 0), 1e-3 * (start - (objective.minimumValue ?? 0)))
    }
}
