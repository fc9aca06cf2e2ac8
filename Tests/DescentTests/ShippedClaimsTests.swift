import Foundation
import XCTest

/// Every shipped scenario states claims, and every claim holds: a change to the optimizers or
/// to a scenario that makes one of its lessons false fails here.
final class ShippedClaimsTests: XCTestCase {
    func testEveryShippedClaimHolds() throws {
        let run = try Executable.capture(try Executable.descent(), ["check", "scenarios"])
        XCTAssertEqual(run.status, 0, "descent check scenarios:\n\(run.output)\(run.error)")
        XCTAssertFalse(run.output.contains("no claims"), "every shipped scenario states what it teaches:\n\(run.output)")
        let files = try FileManager.default.contentsOfDirectory(atPath: Executable.repositoryRoot.appendingPathComponent("scenarios").path)
            .filter { $0.hasSuffix(".toml") }
        for file in files {
            XCTAssertTrue(run.output.contains("✓ \(file): "), "\(file) has no claim that holds:\n\(run.output)")
        }
    }
}
