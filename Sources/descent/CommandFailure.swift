import ArgumentParser
import Foundation

/// Prints `descent: message` to standard error and ends the command with exit status 1.
func fail(_ message: CustomStringConvertible) -> ExitCode {
    FileHandle.standardError.write(Data("descent: \(message)\n".utf8))
    return ExitCode(1)
}
