/// SVG path data collected per paint (a colour, or a colour and a stroke width), so a frame with
/// thousands of cells becomes a few dozen `<path>` elements.
///
/// Paints keep the order in which they first appeared, so one frame always gives the same document.
struct SVGPathGroups {
    private var order: [String] = []
    private var data: [String: String] = [:]

    /// Appends path commands to the group of `paint` (the attributes that set the paint).
    mutating func append(_ commands: String, paint: String) {
        if data[paint] == nil { order.append(paint) }
        data[paint, default: ""] += commands
    }

    /// Every group as a `<path>` element, one per line.
    var elements: String {
        order.map { "<path \($0) d=\"\(data[$0]!)\"/>\n" }.joined()
    }
}

/// Numbers in SVG attributes: at most two decimals, no trailing zeros.
enum SVGNumber {
    static func text(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        if hundredths % 100 == 0 { return String(hundredths / 100) }
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        var fraction = String(magnitude % 100)
        if fraction.count == 1 { fraction = "0" + fraction }
        if fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(sign)\(magnitude / 100).\(fraction)"
    }
}
