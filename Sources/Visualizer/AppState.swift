import Objectives
import OptimizerCore
import Rendering
import Scenarios

/// Everything the screen shows and the keys change: one value, updated by `AppState.update`.
public struct AppState: Sendable {
    /// Which overlay covers the screen, if any.
    public enum OverlayKind: Sendable, Equatable {
        /// None: the panels are live.
        case none
        /// The key help.
        case help
        /// The scenario picker.
        case picker(PickerState)
    }

    /// The scenario as loaded (optimizer settings here are the file's; the timeline holds retunes).
    public let scenario: Scenario
    /// The plane the surface panel draws (nil for a network, which has no surface to draw).
    public let plane: SurfacePlane?
    /// The run: current race, paths, losses, snapshots.
    public internal(set) var timeline: Timeline
    /// Index of the selected optimizer (Tab / Shift-Tab).
    public internal(set) var selected = 0
    /// Optimizers hidden with the digit keys.
    public internal(set) var hidden: Set<Int> = []
    /// Whether running mode is on (Space).
    public internal(set) var running = false
    /// Index into `SpeedSetting.stepsPerSecond`.
    public internal(set) var speedIndex = SpeedSetting.defaultIndex
    /// Fractional steps carried between ticks in running mode.
    var stepCarry = 0.0
    /// Steps per second actually taken while running, over the last full second (nil before one).
    public internal(set) var measuredStepsPerSecond: Double?
    /// Steps and seconds of running since the last measurement.
    var measuring = (steps: 0, seconds: 0.0)
    /// The data box the surface panel shows.
    public internal(set) var viewport: Viewport
    /// What the main panel shows (`v` cycles through `mainViews`).
    public internal(set) var mainView: PanelView
    /// How the Hessian's entries become colours (`c` cycles).
    public internal(set) var hessianScale: SignedScaleKind = .symlog
    /// Zoom and pan of the Hessian matrix when it is the main panel.
    public internal(set) var matrixZoom: MatrixZoom = .fitted
    /// The network Hessian last taken (at load, then with `H`), or why it could not be (networks only).
    public internal(set) var networkHessian: Result<NetworkHessian, HessianUnavailable>?
    /// The tensor whose diagonal block of the network Hessian is shown (`t` / `T`); nil shows the
    /// tensor-block matrix.
    public internal(set) var hessianTensor: Int?
    /// Whether a network Hessian has been asked for and not formed yet: forming one takes a
    /// moment, so the runner draws a frame saying so first and then calls `formPendingHessian()`.
    public internal(set) var hessianPending = false
    /// A learning-rate change of a network racer waiting to be retrained (after a frame saying so).
    var pendingRetune: (racer: Int, factor: Double)?

    /// Whether slow work was asked for: the runner draws a frame, then calls `performPendingWork()`.
    public var hasPendingWork: Bool { hessianPending || pendingRetune != nil }
    /// Whether old iterates are drawn faded.
    public internal(set) var fadesOldIterates = false
    /// The overlay on top.
    public internal(set) var overlay: OverlayKind = .none
    /// Whether the runner is recording the session (`R`): the status line says so.
    public internal(set) var isRecording = false
    /// A one-line notice shown in the status bar until the next key.
    public internal(set) var notice: String?
    /// Terminal width in cells.
    public internal(set) var width: Int
    /// Terminal height in cells.
    public internal(set) var height: Int
    /// The text of the one-line hyperparameter editor (`:`), nil when it is closed.
    public internal(set) var settingsEditor: String?
    /// How colours are shown.
    public let colorMode: ColorMode
    /// Effects for the runner to carry out; it empties the list after reading it.
    public var effects: [AppEffect] = []

    /// A session at step 0 of `scenario` on a `width` x `height` screen.
    public init(scenario: Scenario, width: Int, height: Int, colorMode: ColorMode) throws(RaceSetupError) {
        self.scenario = scenario
        let plane = scenario.problem.network == nil ? SurfacePlane(problem: scenario.problem) : nil
        self.plane = plane
        let race = try AnyRace(scenario: scenario)
        timeline = Timeline(race: race, plane: plane,
                            claims: ClaimTracker(scenario: scenario, labels: (0..<race.count).map { race.snapshot($0).label }))
        viewport = plane?.defaultViewport ?? Viewport(x: 0...1, y: 0...1)
        mainView = ProblemPanels.mainViews(planar: !(plane?.isProjection ?? true), network: plane == nil)[0]
        self.width = width
        self.height = height
        self.colorMode = colorMode
        hessianPending = plane == nil
    }

    /// The current step.
    public var step: Int { timeline.step }

    /// Number of optimizers.
    public var optimizerCount: Int { timeline.race.count }

    /// What the screen shows about optimizer `index` right now.
    public func racer(_ index: Int) -> RacerSnapshot { timeline.race.snapshot(index) }

    /// Whether the problem is a 2-D surface (its own plane, not a slice).
    public var isPlanar: Bool { !(plane?.isProjection ?? true) }

    /// The views the main panel cycles through for this problem, first the default.
    public var mainViews: [PanelView] { ProblemPanels.mainViews(planar: isPlanar, network: plane == nil) }

    /// The panel layout for the current size and main view.
    public var layout: ScreenLayout {
        ScreenLayout(width: width, height: height, optimizerCount: optimizerCount, mainView: mainView,
                     sideViews: ProblemPanels.sideViews(main: mainView, planar: isPlanar, network: plane == nil))
    }

    /// The scenario with the current settings: retuned learning rates and the current start.
    public var currentScenario: Scenario {
        var copy = scenario
        copy.problem.start = timeline.race.start
        copy.optimizers = (0..<optimizerCount).map { index in
            let snapshot = racer(index)
            return OptimizerEntry(label: snapshot.label, configuration: snapshot.configuration, schedule: snapshot.schedule)
        }
        return copy
    }
}

extension AppState {
    /// Does the slow work asked for: a network retrained with a new learning rate, a Hessian.
    public mutating func performPendingWork() {
        if let retune = pendingRetune {
            pendingRetune = nil
            self.retune(racer: retune.racer, by: retune.factor)
        }
        formPendingHessian()
    }

    /// Forms the network Hessian asked for (at load or with `H`) at the selected optimizer's
    /// current weights, and says what it found.
    public mutating func formPendingHessian() {
        guard hessianPending else { return }
        hessianPending = false
        guard let race = timeline.race.networkRace, selected < race.racers.count else { return }
        networkHessian = NetworkHessian.take(race, racer: selected, seed: scenario.settings.seed)
        if case .success(let h) = networkHessian, h.step > 0 {
            notice = "Hessian of \(h.label) at step \(h.step): \(Formatting.percent(h.shareInBlocks)) inside Adam-mini's blocks, \(Formatting.percent(h.shareInRandomBlocks)) for random blocks"
        }
    }

    /// Advances every optimizer `count` steps (what `n` does `count` times).
    public mutating func advance(steps count: Int) {
        timeline.forward(count)
    }
}
