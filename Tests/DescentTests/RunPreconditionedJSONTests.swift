import Foundation
import XCTest

/// `descent run --format json` carries each optimizer's preconditioned curvature at the final step:
/// an object on problems with an exact Hessian, null before an adaptive method's first update,
/// absent on networks.
final class RunPreconditionedJSONTests: XCTestCase {
    private func optimizers(_ arguments: String...) throws -> [[String: Any]] {
        let run = try Executable.capture(try Executable.descent(), arguments)
        XCTAssertEqual(run.status, 0, run.error)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        return try XCTUnwrap(document["optimizers"] as? [[String: Any]])
    }

    func testTheToyAtItsLastStep() throws {
        let entries = try optimizers("run", "scenarios/adam-mini-toy.toml", "--format", "json")
        let byType = Dictionary(uniqueKeysWithValues: entries.map { ($0["type"] as! String, $0["preconditioned"] as! [String: Double]) })
        for (type, object) in byType {
            XCTAssertEqual(object["step"], 300, type)
            XCTAssertEqual(Set(object.keys), ["step", "lambda_min", "lambda_max", "condition", "threshold"], type)
        }
        // GD's P is lr * I, so its condition is kappa(H) = 200; block-GD's is 2 by construction.
        XCTAssertEqual(byType["gd"]?["condition"] ?? 0, 200, accuracy: 1e-9 * 200)
        XCTAssertEqual(byType["gd"]?["lambda_max"] ?? 0, 0.0099 * 200, accuracy: 1e-12)
        XCTAssertEqual(byType["block-gd"]?["condition"] ?? 0, 2, accuracy: 1e-9)
        XCTAssertEqual(byType["block-gd"]?["threshold"] ?? 0, 2, accuracy: 0)
        XCTAssertEqual(byType["adam"]?["threshold"] ?? 0, 38, accuracy: 1e-12)
        XCTAssertLessThan(byType["adam-mini"]?["condition"] ?? .infinity, 3)
        XCTAssertGreaterThan(byType["adam"]?["condition"] ?? 0, 100)
    }

    func testNullBeforeTheFirstUpdateAndConditionNullWhereHIsIndefinite() throws {
        let start = try optimizers("run", "scenarios/adam-mini-toy.toml", "--steps", "0", "--format", "json")
        for entry in start {
            let type = entry["type"] as! String
            XCTAssertTrue(entry.keys.contains("preconditioned"), type)
            if type == "adam" || type == "adam-mini" {
                XCTAssertTrue(entry["preconditioned"] is NSNull, type)
            } else {
                XCTAssertEqual((entry["preconditioned"] as? [String: Any])?["step"] as? Int, 0, type)
            }
        }
        // The saddle's Hessian is indefinite everywhere.
        let saddle = try optimizers("run", "scenarios/saddle-escape.toml", "--steps", "3", "--format", "json")
        for entry in saddle {
            let object = try XCTUnwrap(entry["preconditioned"] as? [String: Any], "\(entry["label"] ?? "")")
            XCTAssertTrue(object["condition"] is NSNull)
            XCTAssertLessThan(object["lambda_min"] as! Double, 0)
        }
    }

    func testNetworksHaveNoPreconditionedKey() throws {
        let entries = try optimizers("run", "scenarios/mlp-spirals.toml", "--steps", "1", "--format", "json")
        XCTAssertFalse(entries.isEmpty)
        for entry in entries { XCTAssertNil(entry["preconditioned"]) }
    }
}
