import Networks
import XCTest

/// Networks' errors name settings by field; whoever shows them words the fields.
final class FieldMessageTests: XCTestCase {
    private let bracketed: (NetworkField) -> String = { "[\($0.rawValue)]" }

    func testFieldsAreWordedByTheReader() {
        let heads = 4
        let message: FieldMessage = "must divide \(field: .dim) \(10) (\(field: .heads) is \(heads))"
        XCTAssertEqual(message.worded(bracketed), "must divide [dim] 10 ([heads] is 4)")
        XCTAssertEqual(message.description, "must divide dim 10 (heads is 4)")
        XCTAssertEqual(message.parts, [.text("must divide "), .field(.dim), .text(" 10 ("), .field(.heads), .text(" is 4)")])
        let plain: FieldMessage = "no fields here"
        XCTAssertEqual(plain.worded(bracketed), "no fields here")
    }

    func testTransformerErrorsNameTheFieldToChange() {
        let indivisible = TransformerConfiguration(vocabulary: 8, context: 3, dim: 10, layers: 1, heads: 4)
        XCTAssertThrowsError(try indivisible.validate()) { error in
            let error = error as? ModelConfigurationError
            XCTAssertEqual(error, .invalid(.heads, value: "4", reason: "must divide \(field: .dim) \(10)"))
            XCTAssertEqual(error?.message(naming: bracketed), "[heads] 4: must divide [dim] 10")
        }
        let grouped = TransformerConfiguration(vocabulary: 8, context: 3, dim: 8, layers: 1, heads: 4, kvHeads: 3)
        XCTAssertThrowsError(try grouped.validate()) { error in
            XCTAssertEqual((error as? ModelConfigurationError)?.message(naming: bracketed), "[kvHeads] 3: must divide [heads] 4")
        }
        let empty = TransformerConfiguration(vocabulary: 8, context: 3, dim: 8, layers: 0, heads: 2)
        XCTAssertThrowsError(try empty.validate()) { error in
            XCTAssertEqual(error as? ModelConfigurationError, .invalid(.layers, value: "0", reason: "must be at least 1"))
        }
    }

    func testTaskSettingsAreCheckedWithoutBuildingTheTask() throws {
        let cases: [(TaskConfiguration, NetworkField, String)] = [
            (.modularAddition(modulus: 1, trainFraction: 0.5), .modulus, "1"),
            (.modularAddition(modulus: 7, trainFraction: 1), .trainFraction, "1.0"),
            (.spirals(points: 5, noise: 0.02), .points, "5"),
            (.blobs(classes: 1, points: 400, spread: 0.35), .classes, "1"),
            (.blobs(classes: 100, points: 300, spread: 0.35), .points, "300"),
            (.text(path: "/nonexistent", context: 1), .context, "1"),
        ]
        for (configuration, field, value) in cases {
            XCTAssertThrowsError(try configuration.validate(), "\(configuration)") { error in
                guard case let .invalid(named, shown, _)? = error as? TaskError else { return XCTFail("\(error)") }
                XCTAssertEqual(named, field)
                XCTAssertEqual(shown, value)
            }
            // Building the task fails the same way.
            XCTAssertThrowsError(try configuration.makeTask(seed: 0, asTokens: false)) { error in
                guard case let .invalid(named, _, _)? = error as? TaskError else { return XCTFail("\(error)") }
                XCTAssertEqual(named, field)
            }
        }
        // A text task's file is not read by the check.
        XCTAssertNoThrow(try TaskConfiguration.text(path: "/nonexistent", context: 8).validate())
        XCTAssertNoThrow(try TaskConfiguration.modularAddition(modulus: 7, trainFraction: 0.5).validate())
    }
}
