import Networks
@testable import Scenarios
import XCTest

/// Every network setting has its own key in a network problem's table, and errors about it point
/// at that key's line in the file's own words.
final class NetworkFieldKeyTests: XCTestCase {
    func testEveryFieldIsAKeyOfTheProblemTable() {
        let keys = NetworkField.allCases.map(\.scenarioKey)
        XCTAssertEqual(Set(keys).count, keys.count, "two fields share a key")
        for key in keys { XCTAssertTrue(NetworkProblemLoader.keys.contains(key), key) }
        XCTAssertEqual(NetworkField.trainFraction.scenarioKey, "train_fraction")
        XCTAssertEqual(NetworkField.kvHeads.scenarioKey, "kv_heads")
    }

    func testModelErrorsNameKeysAtTheirLine() throws {
        let directory = NSTemporaryDirectory() + "descent-field-keys-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/grouped.toml"
        try """
        name = "grouped"

        [problem]
        type = "transformer"
        task = "modadd"
        heads = 4
        kv_heads = 3

        [[optimizer]]
        type = "adamw"
        lr = 1e-3
        """.write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ScenarioLoader.load(path: path)) { error in
            XCTAssertEqual("\(error)", "\(path):7: problem.kv_heads: kv_heads = 3 is not valid; kv_heads must divide heads 4")
        }
    }
}
