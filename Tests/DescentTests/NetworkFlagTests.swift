@testable import descent
import Networks
import XCTest

/// Every network setting has its own flag, and errors from the network layers name flags.
final class NetworkFlagTests: XCTestCase {
    func testEveryFieldHasItsOwnFlagOfTrain() throws {
        let flags = NetworkField.allCases.map(\.flag)
        XCTAssertEqual(Set(flags).count, flags.count, "two fields share a flag")
        let help = try Executable.capture(try Executable.descent(), ["train", "--help"]).output
        for flag in flags { XCTAssertTrue(help.contains(flag + " "), "\(flag) is not a flag of descent train") }
    }

    func testNetworkErrorsAreWordedAsFlags() {
        let error = TrainingError.model(.invalid(.kvHeads, value: "3", reason: "must divide \(field: .heads) \(4)"))
        XCTAssertEqual(flagWorded(error), "--kv-heads 3: must divide --heads 4")
        XCTAssertEqual(flagWorded(TaskError.tooShort("a.txt", characters: 3, needed: 651, context: 64)),
                       "--text 'a.txt' has 3 characters; with --context 64 it needs at least 651 (a window in both the training and the validation split)")
        XCTAssertEqual(flagWorded(TrainFlagError(message: "as it is")), "as it is")
    }

    func testTrainNamesFlagsAndWhatIsValid() throws {
        let cases: [([String], String)] = [
            (["--model", "transformer", "--dim", "10", "--heads", "4"], "descent: --heads 4: must divide --dim 10"),
            (["--model", "transformer", "--kv-heads", "3"], "descent: --kv-heads 3: must divide --heads 4"),
            (["--train-fraction", "1.5"], "descent: --train-fraction 1.5: must lie strictly between 0 and 1"),
            (["--model", "mlp", "--task", "blobs", "--classes", "100", "--points", "300"], "descent: --points 300: must be at least 5 per class (500)"),
        ]
        for (arguments, message) in cases {
            let result = try Executable.capture(try Executable.descent(), ["train", "--steps", "1"] + arguments)
            XCTAssertEqual(result.status, 1, arguments.joined(separator: " "))
            XCTAssertEqual(result.error, message + "\n")
        }
    }
}
