import Rendering

/// One row per optimizer: colour and marker, label, hyperparameters, loss, gradient norm, state
/// size, and whether it diverged or is hidden.
struct LegendPanel {
    var state: AppState

    func render(in rect: Rect, into canvas: inout Canvas) {
        let inner = PanelStyle.frame(rect, title: "optimizers · tab selects · 1-9 show/hide · [ ] learning rate", into: &canvas)
        guard inner.width > 0, inner.height > 1 else { return }
        let visibleRows = inner.height - 1
        let count = state.optimizerCount
        // Scroll so the selected optimizer is always on screen.
        let first = min(max(0, state.selected - visibleRows + 1), max(0, count - visibleRows))
        let trainsNetwork = state.plane == nil
        let fixed = trainsNetwork ? [3, 0, 11, 10, 9, 10, 16] : [3, 0, 11, 10, 10, 16]
        let hyperWidth = max(8, inner.width - 2 - fixed.reduce(0, +) - 24 - fixed.count)
        var columns = [
            Table.Column("#", width: 3),
            Table.Column("optimizer", width: 24),
            Table.Column("hyperparameters", width: hyperWidth),
        ]
        if trainsNetwork {
            columns += [
                Table.Column("batch loss", width: 11, alignRight: true),
                Table.Column("val loss", width: 10, alignRight: true),
                Table.Column("val acc", width: 9, alignRight: true),
            ]
        } else {
            columns += [
                Table.Column("loss", width: 11, alignRight: true),
                Table.Column("|∇f|", width: 10, alignRight: true),
            ]
        }
        columns += [
            Table.Column("state", width: 10, alignRight: true),
            Table.Column("status", width: 16),
        ]
        var rows: [Table.Row] = []
        for index in first..<min(count, first + visibleRows) {
            let racer = state.racer(index)
            let hidden = state.hidden.contains(index)
            var status = hidden ? "hidden" : ""
            var style = hidden ? PanelStyle.muted : Style.plain
            if let step = racer.divergedAt {
                status = "diverged at \(step)"
                style = PanelStyle.warning
            }
            rows.append(Table.Row(
                swatch: PanelStyle.marker(index), swatchColor: PanelStyle.color(index, mode: state.colorMode),
                cells: ["\(index + 1)", racer.label, racer.configuration.shortDescription]
                    + figures(racer)
                    + [racer.stateElementCount == 0 ? "none" : Formatting.bytes(racer.stateBytes), status],
                style: style))
        }
        let selectedRow = state.selected >= first && state.selected < first + visibleRows ? state.selected - first : nil
        canvas.render(Table(columns: columns, rows: rows, headerStyle: PanelStyle.title, selectedRow: selectedRow), in: inner)
    }

    /// Loss and gradient norm, or for a network the batch loss and the latest validation figures.
    private func figures(_ racer: RacerSnapshot) -> [String] {
        let diverged = racer.divergedAt != nil
        guard let validation = racer.validation else {
            return diverged ? ["—", "—"] : [Formatting.number(racer.loss), Formatting.number(racer.gradientNorm)]
        }
        return [diverged ? "—" : Formatting.number(racer.loss), Formatting.number(validation.loss),
                Formatting.percent(validation.accuracy)]
    }
}
