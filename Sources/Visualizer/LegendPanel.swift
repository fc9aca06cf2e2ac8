import Rendering

/// One row per optimizer: colour and marker, label, settings, loss (or, for a network, batch loss
/// and validation figures), gradient norm, steps to 1e-6 of a known minimum, state size, and
/// whether it is diverging, diverged or hidden.
///
/// Columns fit the width: labels get the room their longest needs, settings take what is left,
/// and on narrow screens the state column goes before anything else; when not every optimizer
/// fits, the title says which rows are shown.
struct LegendPanel {
    var state: AppState
    /// Where each optimizer's preconditioned curvature at the step on screen comes from.
    var curvature: CurvatureMonitor

    func render(in rect: Rect, into canvas: inout Canvas) {
        let count = state.optimizerCount
        let rowsRoom = max(0, rect.height - 3)
        // Scroll so the selected optimizer is always on screen.
        let first = min(max(0, state.selected - rowsRoom + 1), max(0, count - rowsRoom))
        let shown = min(count, first + rowsRoom) - first
        var title = "optimizers · tab selects · 1-9 show/hide · [ ] learning rate"
        if let chance = state.timeline.race.networkRace?.problem.chanceAccuracy {
            title = "optimizers · chance accuracy \(Formatting.percent(chance)) · tab selects · 1-9 show/hide · [ ] learning rate"
        }
        if shown < count && shown > 0 { title = "optimizers \(first + 1)–\(first + shown) of \(count) · tab scrolls · " + title.dropFirst(13) }
        let inner = PanelStyle.frame(rect, title: title, into: &canvas)
        guard inner.width > 0, inner.height > 1 else { return }
        let trainsNetwork = state.plane == nil
        let figures: [Table.Column] = trainsNetwork
            ? [Table.Column("batch loss", width: 10, alignRight: true), Table.Column("val loss", width: 9, alignRight: true),
               Table.Column("val acc", width: 7, alignRight: true)]
            : [Table.Column("loss", width: 10, alignRight: true), Table.Column("|∇f|", width: 9, alignRight: true)]
        let labels = (0..<count).map { state.racer($0).label }
        let labelWidth = min(40, max(9, (labels.map { TextMetrics.width($0) }.max() ?? 0)))
        let statusWidth = 20
        // Steps to 1e-6 of the minimum, where the problem knows its minimum.
        let showsTolerance = state.timeline.race.objective?.minimumValue != nil
        let stateWidth = 10
        let toleranceWidth = 10
        // Each optimizer's preconditioned condition number and sharpness against its threshold,
        // where the problem has an exact Hessian (on narrow screens these go before settings do).
        let spectra = state.timeline.race.objective == nil ? nil : curvature.result(for: state)
        let curvatureColumns = state.timeline.race.objective == nil ? []
            : [Table.Column("κ(P½HP½)", width: 9, alignRight: true), Table.Column("λ/thresh", width: 8, alignRight: true)]
        // Swatch and one space between columns.
        func settingsRoom(withState: Bool) -> Int {
            let fixed = 3 + labelWidth + figures.reduce(0) { $0 + ($1.width ?? 0) } + statusWidth + (withState ? stateWidth : 0)
                + (showsTolerance ? toleranceWidth : 0) + curvatureColumns.reduce(0) { $0 + ($1.width ?? 0) }
            let separators = 3 + figures.count + (withState ? 1 : 0) + (showsTolerance ? 1 : 0) + curvatureColumns.count
            return inner.width - 2 - fixed - separators
        }
        let settings = (0..<count).map { index in
            let racer = state.racer(index)
            let text = LegendSettings.text(label: racer.label, configuration: racer.configuration, schedule: racer.schedule,
                                           defaultPartition: state.scenario.problem.defaultPartition)
            // Muon on a network: how many tensors took Muon and how many AdamW.
            let split = racer.tensorUpdates.count > 1 ? racer.tensorUpdates.map { "\($0.update) \($0.tensors.count)" }.joined(separator: "/") : ""
            return split.isEmpty ? text : split + " " + text
        }
        let showsState = settingsRoom(withState: true) >= 16
        // Wide screens keep the numbers next to the settings instead of at the far edge.
        let longest = max(8, settings.map { TextMetrics.width($0) }.max() ?? 0)
        let settingsWidth = max(6, min(longest, settingsRoom(withState: showsState)))
        var columns = [Table.Column("#", width: 3), Table.Column("optimizer", width: labelWidth),
                       Table.Column("settings", width: settingsWidth)] + figures + curvatureColumns
        if showsTolerance { columns.append(Table.Column("to 1e-6", width: toleranceWidth, alignRight: true)) }
        if showsState { columns.append(Table.Column("state", width: stateWidth, alignRight: true)) }
        columns.append(Table.Column("status", width: statusWidth))
        var rows: [Table.Row] = []
        for index in first..<(first + shown) {
            let racer = state.racer(index)
            let hidden = state.hidden.contains(index)
            var status = hidden ? "hidden" : ""
            var style = hidden ? PanelStyle.muted : Style.plain
            let divergence = state.divergenceStatus(index)
            if divergence.isRunningAway {
                let failure = racer.failure.map { "\($0.summary) at step \(racer.divergedAt ?? 0)" }
                status = (failure ?? divergence.text) + (hidden ? ", hidden" : "")
                style = PanelStyle.warning
            }
            var cells = ["\(index + 1)", racer.label, settings[index]] + values(racer)
            if !curvatureColumns.isEmpty { cells += curvatureCells(spectra, index) }
            if showsTolerance { cells.append(state.stepsToTolerance(index).map { "\($0) steps" } ?? "—") }
            if showsState { cells.append(racer.stateElementCount == 0 ? "none" : Formatting.bytes(racer.stateBytes)) }
            cells.append(status)
            rows.append(Table.Row(swatch: PanelStyle.marker(index), swatchColor: PanelStyle.color(index, mode: state.colorMode),
                                  cells: cells, style: style))
        }
        let selectedRow = state.selected >= first && state.selected < first + shown ? state.selected - first : nil
        canvas.render(Table(columns: columns, rows: rows, headerStyle: PanelStyle.title, selectedRow: selectedRow), in: inner)
    }

    /// The condition number of P^1/2 H P^1/2 and lambda_max as a fraction of the threshold at the
    /// step analysed ("…" while the step on screen is worked out, "—" where there is no eta yet).
    private func curvatureCells(_ result: CurvatureMonitor.Result?, _ index: Int) -> [String] {
        guard let result, index < result.racers.count else { return ["…", "…"] }
        guard let measured = result.racers[index] else { return ["—", "—"] }
        let stale = result.step == state.step ? "" : "…"
        // Muon's orthogonalised step has no quadratic stability threshold.
        let fraction = measured.threshold.isFinite ? Formatting.number(measured.thresholdFraction) + stale : "—"
        return [measured.condition.map(Formatting.number).map { $0 + stale } ?? "λmin≤0", fraction]
    }

    /// Loss and gradient norm, or for a network the batch loss and the latest validation figures.
    private func values(_ racer: RacerSnapshot) -> [String] {
        let diverged = racer.divergedAt != nil
        guard let validation = racer.validation else {
            return diverged ? ["—", "—"] : [Formatting.number(racer.loss), Formatting.number(racer.gradientNorm)]
        }
        return [diverged ? "—" : Formatting.number(racer.loss), Formatting.number(validation.loss),
                Formatting.percent(validation.accuracy)]
    }
}
