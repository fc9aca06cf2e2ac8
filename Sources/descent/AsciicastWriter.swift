import Foundation
import Rendering
import Scenarios

/// Writes an asciicast v2 recording (asciinema's format): a JSON header line, then one
/// `[seconds, code, data]` line per event, frames as the changed cells since the last one.
///
/// Consecutive identical frames are skipped, so a paused screen costs nothing; event times
/// strictly increase. A frame of another size than the last one is preceded by an `r` (resize)
/// event and drawn in full.
final class AsciicastWriter {
    /// What the header says about the recording.
    struct Header {
        var width: Int
        var height: Int
        var title: String
        var term: String
        var shell: String
        var timestamp = Int(Date().timeIntervalSince1970)

        var json: String {
            "{\"version\": 2, \"width\": \(width), \"height\": \(height), \"timestamp\": \(timestamp), "
                + "\"title\": \(JSONText.string(title)), "
                + "\"env\": {\"TERM\": \(JSONText.string(term)), \"SHELL\": \(JSONText.string(shell))}}\n"
        }
    }

    private let sink: OutputFile
    private let mode: ColorMode
    private var previous: Canvas?
    private var lastTime = -Double.infinity
    /// Frames written (skipped identical ones not counted).
    private(set) var frames = 0
    /// The time of the last event, in seconds.
    var duration: Double { max(0, lastTime) }

    /// Writes the header to `sink`; frames are encoded for `mode`.
    init(sink: OutputFile, header: Header, mode: ColorMode) {
        self.sink = sink
        self.mode = mode
        sink.write(header.json)
    }

    /// The shell and terminal type of this process's environment, as asciinema records them.
    static func environment(term fallback: String) -> (term: String, shell: String) {
        let environment = ProcessInfo.processInfo.environment
        return (environment["TERM"].flatMap { $0.isEmpty ? nil : $0 } ?? fallback, environment["SHELL"] ?? "/bin/sh")
    }

    /// Adds `canvas` as the screen at `seconds` since the start; returns false when it was the
    /// same as the last frame and nothing was written.
    @discardableResult
    func add(_ canvas: Canvas, at seconds: Double) -> Bool {
        if let previous, previous.bufferWidth != canvas.bufferWidth || previous.bufferHeight != canvas.bufferHeight {
            event(at: seconds, code: "r", data: "\(canvas.bufferWidth)x\(canvas.bufferHeight)")
        }
        let data = canvas.ansiDelta(from: previous, mode: mode)
        previous = canvas
        guard !data.isEmpty else { return false }
        event(at: seconds, code: "o", data: data)
        frames += 1
        return true
    }

    /// Writes what is buffered and moves the file into place.
    func finish() throws(OutputFileError) {
        try sink.finish()
    }

    private func event(at seconds: Double, code: String, data: String) {
        // Two events in the same microsecond (a resize and its frame) still get increasing times.
        let time = max(seconds, lastTime + 1e-6)
        lastTime = time
        sink.write("[\(String(format: "%.6f", time)), \"\(code)\", \(JSONText.string(data))]\n")
    }
}
