import Rendering

/// Where each panel goes for a terminal size and main view: a pure function of both, shared by
/// drawing and by mouse handling.
public struct ScreenLayout: Sendable, Equatable {
    /// Smallest usable terminal width.
    public static let minimumWidth = 60
    /// Smallest usable terminal height.
    public static let minimumHeight = 18

    /// Terminal width.
    public let width: Int
    /// Terminal height.
    public let height: Int
    /// What the main panel shows.
    public let mainView: PanelView
    /// The main panel, border included.
    public let main: Rect
    /// The panels of the side column, top to bottom.
    public let side: [SidePanel]
    /// The legend.
    public let legend: Rect
    /// The status line.
    public let status: Rect

    /// One panel of the side column.
    public struct SidePanel: Sendable, Equatable {
        /// What it shows.
        public let view: PanelView
        /// Where, border included.
        public let rect: Rect
    }

    /// Lays out a `width` x `height` screen for `optimizerCount` legend rows with `mainView` in the
    /// main panel and `sideViews` stacked beside it.
    public init(width: Int, height: Int, optimizerCount: Int, mainView: PanelView, sideViews: [PanelView]) {
        self.width = width
        self.height = height
        self.mainView = mainView
        let screen = Rect(x: 0, y: 0, width: max(0, width), height: max(0, height))
        let (body, statusRow) = screen.splitBottom(1)
        status = statusRow
        // The legend takes a row per optimizer plus header and border, but never more than a third.
        let legendHeight = min(optimizerCount + 3, max(5, body.height / 3))
        let (top, legendRect) = body.splitBottom(legendHeight)
        legend = legendRect
        let mainWidth = Int((Double(top.width) * (width >= 160 ? 0.6 : 0.56)).rounded())
        let (left, right) = top.splitLeft(sideViews.isEmpty ? top.width : mainWidth)
        main = left
        let rects = right.rows(weights: sideViews.map(\.sideWeight))
        side = zip(sideViews, rects).map { SidePanel(view: $0, rect: $1) }
    }

    /// The rectangle showing `view`, main or side; nil when it is not on screen.
    public func rect(of view: PanelView) -> Rect? {
        if view == mainView { return main }
        return side.first { $0.view == view }?.rect
    }

    /// The surface panel (empty unless the main view draws the plane): clicks land here.
    public var surface: Rect { mainView.drawsPlane ? main : Rect(x: main.x, y: main.y, width: 0, height: 0) }

    /// Whether the terminal is below the minimum size.
    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }
}
