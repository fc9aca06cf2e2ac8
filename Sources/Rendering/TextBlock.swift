/// Text wrapped at word boundaries to the view's width; lines that do not fit are dropped.
public struct TextBlock: Widget {
    /// The text; "\n" starts a new paragraph line.
    public var text: String
    /// Style of every cell written.
    public var style: Style
    /// Wrap long lines (true) or cut them with "…" (false).
    public var wraps: Bool

    /// Creates a text block.
    public init(_ text: String, style: Style = .plain, wraps: Bool = true) {
        self.text = text
        self.style = style
        self.wraps = wraps
    }

    /// Draws the lines from the top of the view.
    public func render(into canvas: inout Canvas) {
        guard canvas.width > 0 else { return }
        let lines = wraps
            ? TextBlock.wrap(text, width: canvas.width)
            : text.split(separator: "\n", omittingEmptySubsequences: false).map { TextMetrics.truncate(String($0), to: canvas.width) }
        for (row, line) in lines.enumerated() where row < canvas.height {
            canvas.write(line, x: 0, y: row, style: style)
        }
    }

    /// Splits `text` into lines of at most `width` cells, breaking at spaces and cutting words
    /// longer than a line. Explicit newlines are kept; leading spaces of a paragraph are kept.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let scalars = TextMetrics.cellScalars(String(paragraph))
            if scalars.isEmpty {
                lines.append("")
                continue
            }
            var start = 0
            while start < scalars.count {
                if scalars.count - start <= width {
                    lines.append(string(scalars[start...]))
                    break
                }
                let window = scalars[start..<(start + width + 1)]
                if let space = window.lastIndex(of: " "), space > start {
                    lines.append(string(scalars[start..<space]).trailingSpacesTrimmed())
                    start = space + 1
                    while start < scalars.count && scalars[start] == " " { start += 1 }
                } else {
                    lines.append(string(scalars[start..<(start + width)]))
                    start += width
                }
            }
        }
        return lines
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(String.UnicodeScalarView(scalars))
    }
}

extension String {
    func trailingSpacesTrimmed() -> String {
        var result = self
        while result.hasSuffix(" ") { result.removeLast() }
        return result
    }
}
