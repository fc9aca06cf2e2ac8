import Foundation
import Networks
import XCTest

/// A text path that is not a UTF-8 text file: messages that name the setting and the path.
final class TextFileErrorTests: XCTestCase {
    func testDirectoryBinaryAndInvalidUTF8AreNamed() throws {
        let directory = NSTemporaryDirectory() + "descent-text-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        XCTAssertThrowsError(try CharacterText(path: directory, context: 8)) { error in
            XCTAssertEqual(error as? TaskError, .isDirectory(directory))
            XCTAssertEqual("\(error)", "text '\(directory)' is a directory; give a UTF-8 text file")
            XCTAssertEqual((error as? TaskError)?.message(naming: { "<\($0.rawValue)>" }), "<text> '\(directory)' is a directory; give a UTF-8 text file")
        }
        let binary = directory + "/binary.bin"
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00] + Array(repeating: 0x41, count: 400)).write(to: URL(fileURLWithPath: binary))
        XCTAssertThrowsError(try CharacterText(path: binary, context: 8)) { error in
            XCTAssertTrue("\(error)".hasPrefix("text '\(binary)' is not a UTF-8 text file: it contains NUL bytes"), "\(error)")
        }
        let latin1 = directory + "/latin1.txt"
        try Data(Array(repeating: 0xE9, count: 400)).write(to: URL(fileURLWithPath: latin1))
        XCTAssertThrowsError(try CharacterText(path: latin1, context: 8)) { error in
            XCTAssertEqual(error as? TaskError, .notText(latin1, "it is not valid UTF-8"))
        }
        XCTAssertThrowsError(try CharacterText(path: directory + "/absent.txt", context: 8)) { error in
            XCTAssertEqual("\(error)", "text '\(directory)/absent.txt': the file does not exist")
        }
    }
}
