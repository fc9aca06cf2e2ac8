/// Finds the line on which a key of a scenario file was written, for error messages.
///
/// TOMLKit reports positions only for syntax errors, so this scans the text itself: it follows
/// `[table]` and `[[array-of-tables]]` headers and `key =` lines. It is a best effort: a key it
/// cannot place simply gets no line number.
public struct SourceLines: Sendable {
    private struct Entry: Sendable {
        let section: String
        let index: Int
        let key: String
        let line: Int
    }

    private var entries: [Entry] = []
    private var headers: [Entry] = []

    /// Scans a document.
    public init(text: String) {
        var section = ""
        var counts: [String: Int] = [:]
        var index = 0
        // "\r\n" is one Character in Swift, so splitting on "\n" alone would leave CRLF files one line.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (number, rawLine) in lines.enumerated() {
            let line = rawLine.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[[") {
                section = Self.headerName(line.dropFirst(2))
                index = counts[section, default: 0]
                counts[section] = index + 1
                headers.append(Entry(section: section, index: index, key: "", line: number + 1))
            } else if line.hasPrefix("[") {
                section = Self.headerName(line.dropFirst())
                index = 0
                headers.append(Entry(section: section, index: 0, key: "", line: number + 1))
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
                let key = line[..<equals].trimmingCharacters(in: " \t\"'")
                entries.append(Entry(section: section, index: index, key: key, line: number + 1))
            }
        }
    }

    /// The line of `key` in `section` (the `index`th table of an array of tables), if found.
    public func line(section: String, index: Int = 0, key: String?) -> Int? {
        guard let key else {
            return headers.first { $0.section == section && $0.index == index }?.line
        }
        return entries.first { $0.section == section && $0.index == index && $0.key == key }?.line
            ?? entries.first { $0.section == section && $0.index == index && $0.key.hasPrefix(key + ".") }?.line
    }

    private static func headerName(_ rest: Substring) -> String {
        let name = rest.prefix { $0 != "]" }
        return name.trimmingCharacters(in: " \t\"'")
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var s = self
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}
