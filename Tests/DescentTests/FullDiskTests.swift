@testable import descent
import Foundation
import XCTest

/// Output on a full disk (`/dev/full` answers every write with ENOSPC) ends in an error naming the
/// destination, and a device given as the output is written in place, never replaced by a file.
final class FullDiskTests: XCTestCase {
    private func requireDevice(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFCHR else { throw XCTSkip("\(path) is not a device here") }
    }

    private func isDevice(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR
    }

    func testOutputFileOnAFullDiskIsAnErrorAndTheDeviceStays() throws {
        try requireDevice("/dev/full")
        for overwrite in [false, true] {
            let sink = try OutputFile(.file(path: "/dev/full", overwrite: overwrite))
            for row in 0..<20_000 { sink.write("gd,\(row),0.5,1.0,2.0\n") }
            XCTAssertThrowsError(try sink.finish()) { error in
                XCTAssertEqual("\(error)", "writing /dev/full failed: No space left on device; the file was not changed")
            }
            XCTAssertTrue(isDevice("/dev/full"), "/dev/full was replaced")
        }
    }

    func testDevicesAreWrittenInPlace() throws {
        try requireDevice("/dev/null")
        let sink = try OutputFile(.file(path: "/dev/null", overwrite: true))
        sink.write("a line nobody keeps\n")
        try sink.finish()
        XCTAssertTrue(isDevice("/dev/null"), "/dev/null was replaced")
        let folder = try FileManager.default.contentsOfDirectory(atPath: "/dev")
        XCTAssertFalse(folder.contains { $0.hasPrefix(".null.") }, "a temporary file was left in /dev")
    }

    func testStandardOutputOnAFullDiskIsAnError() throws {
        try requireDevice("/dev/full")
        fflush(nil)  // every C stream, so nothing buffered lands on /dev/full
        let saved = dup(STDOUT_FILENO)
        let full = open("/dev/full", O_WRONLY)
        XCTAssertGreaterThanOrEqual(full, 0)
        dup2(full, STDOUT_FILENO)
        close(full)
        let sink = try OutputFile(.standardOutput)
        sink.write("optimizer,step,loss\n")
        let result = Result { () throws(OutputFileError) in try sink.finish() }
        dup2(saved, STDOUT_FILENO)
        close(saved)
        XCTAssertThrowsError(try result.get()) { error in
            XCTAssertEqual("\(error)", "cannot write standard output: No space left on device")
        }
    }
}
