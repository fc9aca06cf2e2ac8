import Foundation
import XCTest

/// `descent hessian --spectrum`: the JSON keys, the table, the progress line and the usage errors.
final class HessianSpectrumCommandTests: XCTestCase {
    private func descent(_ arguments: String...) throws -> (status: Int32, output: String, error: String) {
        try Executable.capture(try Executable.descent(), arguments)
    }

    /// A small MLP and a tiny transformer, both with SLQ blocks (exact limit 20) and exact ones.
    private let small = ["--lanczos-steps", "12", "--probes", "2", "--exact-limit", "20", "--examples", "8"]

    func testJSONHasTheBlocksFullDensityAndDistances() throws {
        for model in [["--model", "mlp", "--hidden", "6,5", "--points", "40"],
                      ["--model", "transformer", "--dim", "4", "--heads", "2", "--hidden", "6", "--modulus", "5"]] {
            let run = try Executable.capture(try Executable.descent(),
                                             ["hessian", "--spectrum", "--format", "json", "--steps", "2", "--grid", "50"] + model + small)
            XCTAssertEqual(run.status, 0, run.error)
            XCTAssertTrue(run.error.contains("spectra at initialisation: done in"), run.error)
            XCTAssertTrue(run.error.contains("spectra after 2 steps: done in"), run.error)
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any], run.output)
            for measurement in [json, try XCTUnwrap(json["trained"] as? [String: Any])] {
                let blocks = try XCTUnwrap(measurement["blocks"] as? [[String: Any]])
                XCTAssertGreaterThan(blocks.count, 2)
                for block in blocks {
                    XCTAssertEqual(Set(block.keys), ["name", "size", "method", "lambda_min", "lambda_max", "condition", "density"])
                    let method = try XCTUnwrap(block["method"] as? String)
                    let size = try XCTUnwrap(block["size"] as? Int)
                    XCTAssertEqual(method, size <= 20 ? "exact" : "lanczos", "\(block)")
                    let lower = try XCTUnwrap(block["lambda_min"] as? Double), upper = try XCTUnwrap(block["lambda_max"] as? Double)
                    XCTAssertLessThanOrEqual(lower, upper)
                    let density = try XCTUnwrap(block["density"] as? [String: Any])
                    XCTAssertEqual((density["grid"] as? [Double])?.count, 50)
                    XCTAssertEqual((density["values"] as? [Double])?.count, 50)
                }
                let full = try XCTUnwrap(measurement["full"] as? [String: Any])
                XCTAssertEqual(full["name"] as? String, "full")
                XCTAssertEqual(full["method"] as? String, "lanczos")
                let distances = try XCTUnwrap(measurement["js_distance"] as? [[Double]])
                XCTAssertEqual(distances.count, blocks.count)
                XCTAssertTrue(distances.allSatisfy { $0.count == blocks.count })
                let pairs = blocks.indices.flatMap { i in (0..<i).map { distances[i][$0] } }
                let mean = try XCTUnwrap(measurement["mean_js"] as? Double)
                XCTAssertEqual(mean, pairs.reduce(0, +) / Double(pairs.count), accuracy: 1e-12)
                XCTAssertTrue((0...1).contains(mean))
            }
            XCTAssertEqual((json["trained"] as? [String: Any])?["step"] as? Int, 2)
            XCTAssertEqual(json["step"] as? Int, 0)
        }
    }

    func testTableAndOfficialBlocks() throws {
        let run = try Executable.capture(try Executable.descent(),
                                         ["hessian", "--spectrum", "--format", "table", "--blocks", "official", "--reorthogonalise", "--model", "transformer",
                                          "--dim", "4", "--heads", "2", "--hidden", "6", "--modulus", "5"] + small)
        XCTAssertEqual(run.status, 0, run.error)
        XCTAssertTrue(run.output.contains("each tensor cut into Adam-mini's official blocks"), run.output)
        XCTAssertTrue(run.output.contains("12 Lanczos steps x 2 probes, reorthogonalised"), run.output)
        XCTAssertTrue(run.output.contains("model.layers.0.self_attn.q_proj.weight"), run.output)
        XCTAssertTrue(run.output.contains("full Hessian"), run.output)
        XCTAssertTrue(run.output.contains("mean JS distance over 66 pairs: 0."), run.output)
    }

    func testUsageErrorsNameTheFlag() throws {
        let cases: [([String], String)] = [
            (["--probes", "3"], "--probes only apply with --spectrum"),
            (["--reorthogonalise", "--grid", "9"], "--grid, --reorthogonalise only apply with --spectrum"),
            (["--spectrum", "--probes", "0"], "--probes 0: give 1 or more"),
            (["--spectrum", "--lanczos-steps", "-1"], "--lanczos-steps -1: give 1 or more"),
            (["--spectrum", "--kernel-width", "0"], "--kernel-width 0.0: give a positive number of decades"),
            (["--spectrum", "--grid", "1"], "--grid 1: give 2 to 1000000 points"),
            (["--spectrum", "--axis-decades", "nan"], "--axis-decades nan: give a number above 0, at most 300"),
            (["--spectrum", "--exact-limit", "-5"], "--exact-limit -5: give 0 or more"),
            (["--spectrum", "--examples", "0"], "--examples 0: give 1 or more"),
            (["--spectrum", "--output", "h.csv"], "--output writes the full Hessian as CSV; --spectrum never forms it"),
            (["--spectrum", "--draws", "3"], "--draws sets the random baseline"),
            (["--spectrum", "--blocks", "rows"], "The value 'rows' is invalid for '--blocks <blocks>'"),
        ]
        for (arguments, message) in cases {
            let run = try Executable.capture(try Executable.descent(), ["hessian"] + arguments)
            XCTAssertEqual(run.status, 64, "\(arguments): \(run.error)")
            XCTAssertTrue(run.error.contains(message), "\(arguments): \(run.error)")
        }
        let wrongTask = try descent("hessian", "--spectrum", "--model", "transformer", "--task", "spirals")
        XCTAssertEqual(wrongTask.status, 1)
        XCTAssertTrue(wrongTask.error.contains("--task spirals is a 2-D point cloud for --model mlp"), wrongTask.error)
    }
}
