import Rendering

/// The scenario picker: every scenario file with its name and description, or its load error.
struct PickerPanel {
    var picker: PickerState

    func render(in bounds: Rect, into canvas: inout Canvas) {
        let width = min(bounds.width - 4, 100)
        let entries = picker.entries ?? []
        let height = min(bounds.height - 2, max(8, entries.count + 6))
        let box = bounds.centered(width: width, height: height)
        canvas.fill(box, with: .blank)
        let inner = canvas.box(box, title: "open a scenario · ↑ ↓ choose · enter load · esc cancel", border: .rounded,
                               style: PanelStyle.title, titleStyle: PanelStyle.title)
        guard inner.width > 2, inner.height > 3 else { return }
        guard picker.entries != nil else {
            canvas.write("reading scenarios…", x: inner.x + 1, y: inner.y, style: PanelStyle.muted)
            return
        }
        guard !entries.isEmpty else {
            canvas.write("no .toml files in scenarios/", x: inner.x + 1, y: inner.y, style: PanelStyle.muted)
            return
        }
        // The list on top, the highlighted entry's description (or error) below it.
        let detailHeight = min(4, inner.height / 3)
        let listHeight = inner.height - detailHeight - 1
        let first = min(max(0, picker.selected - listHeight + 1), max(0, entries.count - listHeight))
        for row in 0..<min(listHeight, entries.count - first) {
            let index = first + row
            let entry = entries[index]
            var style = entry.isBroken ? PanelStyle.warning : Style.plain
            if index == picker.selected { style = style.adding(.reverse) }
            let file = entry.path.split(separator: "/").last.map(String.init) ?? entry.path
            let text = TextMetrics.pad(" " + entry.name, to: max(0, inner.width - 30)) + "  " + file
            canvas.horizontalLine(x: inner.x, y: inner.y + row, length: inner.width, glyph: " ", style: style)
            canvas.write(text, x: inner.x, y: inner.y + row, style: style, maxWidth: inner.width)
        }
        // Say where the list stands when it does not fit.
        if entries.count > listHeight {
            let position = " \(picker.selected + 1) of \(entries.count) · \(first > 0 ? "↑" : " ")\(first + listHeight < entries.count ? "↓" : " ") "
            let width = TextMetrics.width(position)
            canvas.write(position, x: box.maxX - width - 2, y: box.maxY - 1, style: PanelStyle.title)
        }
        let selected = entries[min(picker.selected, entries.count - 1)]
        let detailRect = Rect(x: inner.x + 1, y: inner.maxY - detailHeight, width: inner.width - 2, height: detailHeight)
        canvas.horizontalLine(x: inner.x, y: detailRect.y - 1, length: inner.width, glyph: "─", style: PanelStyle.border)
        canvas.render(TextBlock(selected.detail, style: selected.isBroken ? PanelStyle.warning : PanelStyle.muted), in: detailRect)
    }
}
