import OptimizerCore
import Rendering

extension AppState {
    /// The pure update: the state after `event`. Side effects are requested in `effects`.
    public static func update(_ state: AppState, _ event: AppEvent) -> AppState {
        var next = state
        next.apply(event)
        return next
    }

    /// Applies `event` in place (what `update` does to its copy).
    public mutating func apply(_ event: AppEvent) {
        switch event {
        case .input(.resize(let newWidth, let newHeight)):
            width = max(0, newWidth)
            height = max(0, newHeight)
        case .input(.key(let key)):
            handle(key)
        case .input(.mouse(let x, let y, let kind)):
            handleMouse(x: x, y: y, kind: kind)
        case .input(.tick):
            run(seconds: 1.0 / 30)
        case .tick(let seconds):
            run(seconds: seconds)
        case .scenariosListed(let entries):
            if case .picker = overlay { overlay = .picker(PickerState(entries: entries)) }
        case .notice(let text):
            notice = text
        case .recording(let isOn):
            isRecording = isOn
        }
    }

    private mutating func run(seconds: Double) {
        guard running, seconds.isFinite, seconds > 0, !layout.isTooSmall, overlay == .none else { return }
        stepCarry += SpeedSetting.stepsPerSecond[speedIndex] * seconds
        let bound = plane == nil ? SpeedSetting.maximumNetworkStepsPerTick : SpeedSetting.maximumStepsPerTick
        let count = min(Int(stepCarry), bound)
        stepCarry -= Double(Int(stepCarry))
        timeline.forward(count)
        // What the machine delivers can be far below the chosen speed (networks): measure it.
        measuring.steps += count
        measuring.seconds += seconds
        if measuring.seconds >= 1 {
            measuredStepsPerSecond = Double(measuring.steps) / measuring.seconds
            measuring = (0, 0)
        }
    }

    private mutating func handle(_ key: Key) {
        if layout.isTooSmall {
            // Only quitting makes sense until the terminal is large enough again.
            if key == .character("q") || key == .controlC { effects.append(.quit) }
            return
        }
        if settingsEditor != nil {
            handleSettingsEditor(key)
            return
        }
        switch overlay {
        case .help:
            if key == .character("q") { effects.append(.quit) }
            overlay = .none
            return
        case .picker(let picker):
            handlePicker(key, picker)
            return
        case .none:
            break
        }
        notice = nil
        switch key {
        case .character("q"), .controlC: effects.append(.quit)
        case .character("n"), .right: timeline.forward(1)
        case .character("N"): timeline.forward(10)
        case .character("b"), .left: timeline.back()
        case .character(" "): running.toggle(); stepCarry = 0; measuredStepsPerSecond = nil; measuring = (0, 0)
        case .character("+"), .character("="):
            speedIndex = min(speedIndex + 1, SpeedSetting.stepsPerSecond.count - 1)
            measuredStepsPerSecond = nil; measuring = (0, 0)
        case .character("-"), .character("_"):
            speedIndex = max(speedIndex - 1, 0)
            measuredStepsPerSecond = nil; measuring = (0, 0)
        case .character("r"):
            timeline.reset()
            running = false
            // A Hessian taken at a later step would be shown as if it were current.
            if case .success(let h)? = networkHessian, h.step > 0 { networkHessian = nil }
        case .tab, .down: select(offset: 1)
        case .backTab, .up: select(offset: -1)
        case .character(let c) where c.isASCII && ("1"..."9").contains(c): toggle(Int(String(c))! - 1)
        case .character("["): scaleLearningRate(by: 0.5)
        case .character("]"): scaleLearningRate(by: 2)
        case .character("{"): scaleLearningRate(by: 1 / Self.fineLearningRateFactor)
        case .character("}"): scaleLearningRate(by: Self.fineLearningRateFactor)
        case .character(":"): openSettingsEditor()
        case .character("h"), .shiftLeft:
            if pansMatrix { panMatrix(across: -0.25, down: 0) } else { viewport = viewport.panned(byFractionX: -0.1, y: 0) }
        case .character("l"), .shiftRight:
            if pansMatrix { panMatrix(across: 0.25, down: 0) } else { viewport = viewport.panned(byFractionX: 0.1, y: 0) }
        case .character("k"), .shiftUp:
            if pansMatrix { panMatrix(across: 0, down: -0.25) } else { viewport = viewport.panned(byFractionX: 0, y: 0.1) }
        case .character("j"), .shiftDown:
            if pansMatrix { panMatrix(across: 0, down: 0.25) } else { viewport = viewport.panned(byFractionX: 0, y: -0.1) }
        case .character("z"): if pansMatrix { zoomMatrix(in: true) } else { viewport = viewport.zoomed(by: 0.8) }
        case .character("x"): if pansMatrix { zoomMatrix(in: false) } else { viewport = viewport.zoomed(by: 1.25) }
        case .character("0"): if pansMatrix { matrixZoom = .fitted } else { viewport = plane?.defaultViewport ?? viewport }
        case .character("v"): cycleMainView()
        case .character("c"):
            hessianScale = hessianScale.next
            notice = "Hessian colours: \(hessianScale.rawValue) · c for the next (symlog, linear, block)"
        case .character("t"): stepHessianTensor(by: 1)
        case .character("T"): stepHessianTensor(by: -1)
        case .character("f"): fadesOldIterates.toggle()
        case .character("H"):
            guard plane == nil else { break }
            hessianPending = true
        case .character("?"): overlay = .help
        case .character("o"): overlay = .picker(PickerState()); effects.append(.listScenarios)
        case .character("e"): effects.append(.exportTrajectories)
        case .character("w"): effects.append(.writeScenario)
        case .character("R"): effects.append(.toggleRecording)
        default: break
        }
    }

    private mutating func handlePicker(_ key: Key, _ picker: PickerState) {
        var picker = picker
        let count = picker.entries?.count ?? 0
        switch key {
        case .escape, .character("q"):
            overlay = .none
            return
        case .down, .character("j"), .tab:
            if count > 0 { picker.selected = (picker.selected + 1) % count }
        case .up, .character("k"), .backTab:
            if count > 0 { picker.selected = (picker.selected - 1 + count) % count }
        case .enter:
            if let entries = picker.entries, picker.selected < entries.count, !entries[picker.selected].isBroken {
                effects.append(.load(path: entries[picker.selected].path))
            }
        default:
            break
        }
        overlay = .picker(picker)
    }

    private mutating func handleMouse(x: Int, y: Int, kind: MouseKind) {
        guard overlay == .none, !layout.isTooSmall else { return }
        guard let plane else {
            if case .click(.primary) = kind { notice = "cannot restart from a point: a network starts from its seeded weights" }
            if case .press(.primary) = kind { notice = "cannot restart from a point: a network starts from its seeded weights" }
            return
        }
        if !mainView.drawsPlane, layout.main.interior.contains(x: x, y: y) {
            switch kind {
            case .press(.primary), .click(.primary):
                let surface = mainViews.first(where: \.drawsPlane)?.rawValue ?? "surface"
                notice = "cannot restart from a point on the \(mainView.rawValue) view: v leads to the \(surface), where a click does"
            case .scrollUp: if pansMatrix { zoomMatrix(in: true) }
            case .scrollDown: if pansMatrix { zoomMatrix(in: false) }
            default: break
            }
            return
        }
        let inner = layout.surface.interior
        guard inner.contains(x: x, y: y) else { return }
        switch kind {
        case .press(.primary), .click(.primary):
            let fx = (Double(x - inner.x) + 0.5) / Double(inner.width)
            let fy = (Double(y - inner.y) + 0.5) / Double(inner.height)
            let point = viewport.point(fractionX: fx, fractionFromTop: fy)
            do throws(RaceSetupError) {
                try timeline.restart(from: plane.lift(point.x, point.y))
                notice = "restarted every optimizer from (\(Formatting.number(point.x)), \(Formatting.number(point.y)))"
            } catch {
                notice = "cannot restart: \(error)"
            }
        case .scrollUp: viewport = viewport.zoomed(by: 0.8)
        case .scrollDown: viewport = viewport.zoomed(by: 1.25)
        default: break
        }
    }

    private mutating func select(offset: Int) {
        let count = optimizerCount
        guard count > 0 else { return }
        selected = ((selected + offset) % count + count) % count
    }

    private mutating func toggle(_ index: Int) {
        guard index < optimizerCount else { return }
        if hidden.contains(index) { hidden.remove(index) } else { hidden.insert(index) }
    }

    private mutating func scaleLearningRate(by factor: Double) {
        guard selected < optimizerCount else { return }
        if plane == nil, step > 0 {
            // Retraining a network from step 0 takes a while: say so in a frame first.
            pendingRetune = (racer: selected, factor: factor)
            notice = "\(racer(selected).label): retraining from step 0 to \(step) with lr × \(Formatting.number(factor))…"
            return
        }
        retune(racer: selected, by: factor)
    }

    /// Multiplies racer `index`'s learning rate by `factor` and recomputes its run.
    mutating func retune(racer index: Int, by factor: Double) {
        var configuration = racer(index).configuration
        let old = configuration.hyperparameters.learningRate
        configuration.hyperparameters.learningRate = old * factor
        do throws(RaceSetupError) {
            try timeline.retune(racer: index, configuration: configuration)
            if case .success(let h)? = networkHessian, h.racer == index { networkHessian = nil }
            let name = configuration.kind.learningRateName
            notice = "\(racer(index).label): \(name) \(Formatting.number(old)) → \(Formatting.number(old * factor)), path recomputed from step 0"
        } catch {
            notice = "cannot retune: \(error)"
        }
    }
}
