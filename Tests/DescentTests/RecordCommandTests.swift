import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// `descent record` and `descent render --svg` as a user runs them.
final class RecordCommandTests: XCTestCase {
    private var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "descent-record-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private var flagship: String { Executable.repositoryRoot.appendingPathComponent("scenarios/flagship.toml").path }

    /// Runs descent with the colour environment of a 256-colour terminal.
    private func descent(_ arguments: [String], noColor: Bool = false) throws -> (status: Int32, output: String, error: String) {
        let colour = noColor ? ["-u", "COLORTERM", "NO_COLOR=1"] : ["-u", "NO_COLOR", "-u", "COLORTERM"]
        return try Executable.capture("/usr/bin/env", colour + ["TERM=xterm-256color", try Executable.descent()] + arguments)
    }

    func testTheCastIsAsciicastV2WithAFullFirstFrameAndDeltasAfter() throws {
        let path = folder + "/run.cast"
        let result = try descent(["record", flagship, "--output", path, "--steps", "40", "--width", "90", "--height", "24"])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertTrue(result.output.contains("frames"), result.output)
        let cast = try Asciicast(path: path)
        XCTAssertEqual(cast.problems, [])
        XCTAssertEqual(cast.width, 90)
        XCTAssertEqual(cast.height, 24)
        XCTAssertEqual(cast.header["title"] as? String, "The race: every optimizer on Rosenbrock")
        XCTAssertEqual(cast.events.map(\.code), Array(repeating: "o", count: cast.events.count))
        // 40 steps at the default 20 steps/s, 15 frames per second: frames 0 ... 30.
        XCTAssertEqual(cast.events.count, 31)
        XCTAssertEqual(cast.events.last?.time ?? 0, 2, accuracy: 1e-6)
        XCTAssertTrue(cast.events[0].data.hasPrefix("\u{1B}[0m\u{1B}[H\u{1B}[2J"))
        XCTAssertTrue(cast.events[1].data.count < cast.events[0].data.count / 4, "later frames carry the changed cells only")
        XCTAssertTrue(cast.events[0].data.contains("▶ running"), "frames show running mode")
        XCTAssertTrue(cast.events.last!.data.contains("❚❚"), "the race pauses at the last step")
    }

    func testIdenticalFramesAreSkipped() throws {
        let path = folder + "/slow.cast"
        let result = try descent(["record", flagship, "-o", path, "--steps", "3", "--steps-per-second", "1", "--fps", "15"])
        XCTAssertEqual(result.status, 0, result.error)
        let cast = try Asciicast(path: path)
        XCTAssertEqual(cast.problems, [])
        // Steps 0, 1, 2 and 3 at one step per second: the 14 frames between steps are the same.
        XCTAssertEqual(cast.events.map(\.time), [0, 1, 2, 3])
    }

    func testTheDestinationIsCheckedFirstAndNeverReplacedWithoutForce() throws {
        let path = folder + "/taken.cast"
        try "keep me".write(toFile: path, atomically: true, encoding: .utf8)
        let refused = try descent(["record", flagship, "-o", path, "--steps", "2"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.error.contains("taken.cast already exists") && refused.error.contains("--force"), refused.error)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "keep me")
        let forced = try descent(["record", flagship, "-o", path, "--steps", "2", "--force"])
        XCTAssertEqual(forced.status, 0, forced.error)
        XCTAssertEqual(try Asciicast(path: path).problems, [])

        let missing = try descent(["record", flagship, "-o", folder + "/no/such/folder/run.cast", "--steps", "1000000", "--steps-per-second", "5000"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.error.contains("no/such/folder"), missing.error)
        let svg = try descent(["render", flagship, "--svg", "-o", path])
        XCTAssertEqual(svg.status, 1)
        XCTAssertTrue(svg.error.contains("already exists"), svg.error)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["taken.cast"], "no temporary file is left")
    }

    func testBadValuesAreUsageErrorsNamingWhatIsValid() throws {
        let path = folder + "/x.cast"
        for (arguments, expected) in [
            (["--steps-per-second", "7"], "--steps-per-second 7 is not a speed of the visualizer; give one of 1, 2, 5"),
            (["--fps", "0"], "--fps 0 is out of range; give 1 to 60"),
            (["--width", "20"], "--width 20 is out of range"),
            (["--view", "spectra"], "--view spectra is not a view; give one of surface, hessian, errors, slice, rates, curvature, loss"),
        ] {
            let result = try descent(["record", flagship, "-o", path] + arguments)
            XCTAssertEqual(result.status, 64, "\(arguments)")
            XCTAssertTrue(result.error.contains(expected), "\(arguments): \(result.error)")
        }
        let long = try descent(["record", flagship, "-o", path, "--steps", "100000"])
        XCTAssertEqual(long.status, 1)
        XCTAssertTrue(long.error.contains("the longest is 3600 s"), long.error)
        let notHere = try descent(["record", flagship, "-o", path, "--view", "errors"])
        XCTAssertEqual(notHere.status, 1)
        XCTAssertTrue(notHere.error.contains("--view errors is not a view of this problem; it has surface, rates, curvature"), notHere.error)
        let both = try descent(["render", flagship, "--svg", "--ansi"])
        XCTAssertEqual(both.status, 64)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }

    func testTheSVGOfAFullScreenIsWellFormedTheGridsSizeHoldsTheScreensTextAndStaysSmall() throws {
        for noColor in [false, true] {
            let path = folder + "/frame-\(noColor).svg"
            let arguments = [flagship, "--steps", "200", "--width", "160", "--height", "48"]
            let written = try descent(["render"] + arguments + ["--svg", "--output", path], noColor: noColor)
            XCTAssertEqual(written.status, 0, written.error)
            // The screen's glyphs in the same colour mode (half blocks in colour, shades without).
            let screen = try descent(["render"] + arguments + (noColor ? [] : ["--ansi"]), noColor: noColor)
            let text = screen.output.replacing(#/\x{1B}\[[0-9;]*m/#, with: "")
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            XCTAssertLessThan(data.count, 1_000_000)
            let reader = SVGReader()
            let parser = XMLParser(data: data)
            parser.delegate = reader
            XCTAssertTrue(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
            XCTAssertEqual(reader.root["width"], "1600")
            XCTAssertEqual(reader.root["height"], "960")
            var rows = Array(repeating: "", count: 48)
            for (y, row) in reader.texts { rows[Int(y) / 20] = row }
            let expected = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                .map { String($0.reversed().drop { $0 == " " }.reversed()) }
            XCTAssertEqual(rows, expected)
            let colours = Set(String(decoding: data, as: UTF8.self).matches(of: #/#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/#)
                .map { "\($0.output.1)\($0.output.2)\($0.output.3)" })
            let greys = colours.filter { $0.prefix(2) == $0.dropFirst(2).prefix(2) && $0.prefix(2) == $0.suffix(2) }
            if noColor {
                XCTAssertEqual(greys, colours, "NO_COLOR gives a monochrome image")
            } else {
                XCTAssertGreaterThan(colours.count - greys.count, 10, "the heatmap and the paths are in colour")
            }
        }
    }
}

/// The root attributes and each text element's content (by baseline) of an SVG document.
private final class SVGReader: NSObject, XMLParserDelegate {
    var root: [String: String] = [:]
    var texts: [(y: Double, text: String)] = []
    private var inText = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "svg" { root = attributes }
        if name == "text" {
            inText = true
            texts.append((Double(attributes["y"] ?? "") ?? -1, ""))
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { texts[texts.count - 1].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { inText = false }
    }
}
