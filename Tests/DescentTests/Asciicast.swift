import Foundation

/// An asciicast v2 file read back and checked against the format: a header object with the
/// version, size, timestamp, title and environment, then `[time, code, data]` events.
struct Asciicast {
    struct Event {
        var time: Double
        var code: String
        var data: String
    }

    var header: [String: Any]
    var events: [Event]
    /// Everything that disagrees with asciicast v2, empty for a valid file.
    private(set) var problems: [String] = []

    var width: Int { header["width"] as? Int ?? -1 }
    var height: Int { header["height"] as? Int ?? -1 }
    /// The output events' data, concatenated: what a player writes to the terminal.
    var output: String { events.filter { $0.code == "o" }.map(\.data).joined() }

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard let first = lines.first,
              let header = try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any] else {
            throw NSError(domain: "asciicast", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(path): no JSON object on the first line"])
        }
        self.header = header
        events = []
        if (header["version"] as? NSNumber)?.intValue != 2 || header["version"] is Bool { problems.append("version is not 2") }
        for key in ["width", "height", "timestamp"] where !(header[key] is NSNumber) || header[key] is Bool {
            problems.append("header \(key) is not a number")
        }
        if width <= 0 || height <= 0 { problems.append("size \(width)x\(height)") }
        if !(header["title"] is String) { problems.append("title is not a string") }
        let environment = header["env"] as? [String: Any]
        for key in ["TERM", "SHELL"] where !(environment?[key] is String) { problems.append("env.\(key) is not a string") }
        var last = -Double.infinity
        for (number, line) in lines.dropFirst().enumerated() {
            guard let array = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any], array.count == 3,
                  let time = (array[0] as? NSNumber)?.doubleValue, let code = array[1] as? String, let data = array[2] as? String else {
                problems.append("event \(number + 1) is not [time, code, data]: \(line.prefix(80))")
                continue
            }
            if time <= last { problems.append("event \(number + 1) at \(time) s does not come after \(last) s") }
            if !["o", "r"].contains(code) { problems.append("event \(number + 1) has code \(code)") }
            last = time
            events.append(Event(time: time, code: code, data: data))
        }
        if events.isEmpty { problems.append("no events") }
    }
}
