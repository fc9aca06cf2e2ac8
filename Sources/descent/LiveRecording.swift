import Foundation
import Rendering
import Scenarios

/// A recording of the interactive session (key `R`): every frame the terminal is sent, with the
/// time it was sent, written as an asciicast to the next free `descent-N.cast`.
///
/// The file is written while recording, under a temporary name beside it, and moved into place
/// when the recording stops, so an interrupted recording leaves no half file under that name.
final class LiveRecording {
    /// The absolute path the recording is saved to.
    let path: String
    private let writer: AsciicastWriter
    private let start = DispatchTime.now().uptimeNanoseconds

    /// Starts a recording in `directory` of a `width` x `height` screen in `mode`.
    init(directory: String, width: Int, height: Int, mode: ColorMode, title: String) throws(OutputFileError) {
        let folder = URL(fileURLWithPath: directory).standardizedFileURL.path
        var attempt = 0
        var sink: OutputFile?
        var chosen = ""
        // Another program may take the name between the look and the open: try the next one.
        while sink == nil {
            chosen = Self.freePath(in: folder, from: 1 + attempt)
            do {
                sink = try OutputFile(.file(path: chosen, overwrite: false))
            } catch .exists(_) where attempt < 100 {
                attempt += 1
            }
        }
        path = chosen
        let (term, shell) = AsciicastWriter.environment(term: "xterm-256color")
        writer = AsciicastWriter(sink: sink!, header: .init(width: width, height: height, title: title, term: term, shell: shell),
                                 mode: mode)
    }

    /// `descent-N.cast` in `folder` with the smallest N >= `first` that is neither a file nor
    /// being written by another descent (whose temporary file is `.descent-N.cast.*.tmp`).
    static func freePath(in folder: String, from first: Int) -> String {
        let names = Set((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
        let inProgress = names.filter { $0.hasPrefix(".descent-") && $0.hasSuffix(".tmp") }
        var number = max(1, first)
        while true {
            let name = "descent-\(number).cast"
            if !names.contains(name), !inProgress.contains(where: { $0.hasPrefix(".\(name).") }) {
                return (folder as NSString).appendingPathComponent(name)
            }
            number += 1
        }
    }

    /// Adds the frame just drawn.
    func capture(_ canvas: Canvas) {
        writer.add(canvas, at: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// Saves the recording and says what it holds, e.g. `/home/me/descent-1.cast · 312 frames, 20.8 s`.
    func finish() throws(OutputFileError) -> String {
        try writer.finish()
        return "\(path) · \(writer.frames) frames, \(String(format: "%.1f", writer.duration)) s"
    }
}
