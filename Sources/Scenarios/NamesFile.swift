/// Reads the text form of a model inventory: one `name d0xd1x...` per line; blank lines and
/// lines starting with `#` are skipped; a scalar is written `name 1` or `name ()`.
public enum NamesFile {
    /// Largest names file accepted.
    public static let maximumBytes = 16 << 20
    /// Largest element count of one tensor (2^48), so products cannot overflow.
    public static let maximumElements = 1 << 48

    /// Parses names-file text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(ModelInventoryError) -> ModelInventory {
        var tensors: [ModelInventory.Tensor] = []
        var seen = Set<String>()
        // The whole model is bounded too, so totals over tensors (state sizes) cannot overflow.
        var total = 0
        // "\r\n" is one Character in Swift, so splitting on "\n" alone would leave CRLF files one line.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (number, rawLine) in lines.enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if words.isEmpty { continue }
            func fail(_ message: String) -> ModelInventoryError {
                ModelInventoryError(file: file, line: number + 1, message: message)
            }
            guard words.count == 2 else {
                throw fail("expected `name d0xd1x...` (a name, a space, the shape), found \(words.count) fields")
            }
            let name = String(words[0])
            guard seen.insert(name).inserted else { throw fail("tensor \(name) is listed twice") }
            let shapeText = words[1]
            var shape: [Int] = []
            if shapeText != "()" {
                for part in shapeText.split(separator: "x", omittingEmptySubsequences: false) {
                    guard let d = Int(part), d >= 0, d <= maximumElements else {
                        throw fail("shape '\(shapeText)' of \(name) must be dimensions joined by x, e.g. 4096x4096")
                    }
                    shape.append(d)
                }
            }
            var product = 1
            for d in shape {
                let (next, overflow) = product.multipliedReportingOverflow(by: d)
                guard !overflow, next <= maximumElements else { throw fail("tensor \(name) has more than 2^48 elements") }
                product = next
            }
            total += product
            guard total <= maximumElements else { throw fail("the tensors up to \(name) add up to more than 2^48 elements") }
            tensors.append(ModelInventory.Tensor(name: name, shape: shape))
        }
        guard !tensors.isEmpty else {
            throw ModelInventoryError(file: file, message: "lists no tensors; write one `name d0xd1x...` per line")
        }
        return ModelInventory(tensors: tensors)
    }
}
